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
}

export interface ScanTaskResult {
  scan: FileScan;
  unreadable: boolean;
}

export default function scanTask(task: ScanTask): ScanTaskResult {
  const scanner = new Scanner(task.options);
  const unreadable = addInputFile(scanner, task.input, task.cwd, task.maxFileSize);
  return { scan: scanner.takeFileScan(), unreadable };
}
