/**
 * Worker thread of the scan pool (scan-pool.ts): reads and scans one file, and hands back the per-file part
 * of the scan (workloads with their per-workload controls, policies, errors); the cross-file evaluation
 * (NetworkPolicy/PDB coverage, exceptions, summary) stays in the main thread. The file's text never leaves
 * the worker.
 */
import { Scanner, type ScanOptions, type FileScan } from "../scanner/scan.ts";
import type { InputFile } from "./files.ts";
import { addInputFile } from "./scan-input.ts";

export interface ScanTask {
  input: InputFile;
  cwd: string;
  maxFileSize: number;
  options: ScanOptions;
  /**
   * Send the file's objects (every parsed object, for ValidatingAdmissionPolicies to evaluate): only when
   * the scan holds a policy. Otherwise they stay here (they are about as large as the parsed input, and
   * copying them to the main thread cost more than the rest of the part), and the main thread reads the
   * file again in the rare case a policy turns up in a later file.
   */
  withObjects: boolean;
}

export interface ScanTaskResult {
  scan: FileScan;
  unreadable: boolean;
  /** The file had objects that were left out of `scan.policies.objects` (see ScanTask.withObjects). */
  objectsWithheld?: boolean;
}

export default function scanTask(task: ScanTask): ScanTaskResult {
  const scanner = new Scanner(task.options);
  const unreadable = addInputFile(scanner, task.input, task.cwd, task.maxFileSize);
  const scan = scanner.takeFileScan();
  // A file that defines a policy sends its objects: the main thread will need them.
  if (task.withObjects || scan.policies.objects.length === 0 || scan.policies.policies.length > 0)
    return { scan, unreadable };
  scan.policies.objects = [];
  return { scan, unreadable, objectsWithheld: true };
}
