import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { collectInputs } from "@/lib/cli/files";
import { parseProgramOrThrow, parseSnapshotList } from "@/lib/program";
import { parseExceptionList, parseProjectConfig, scanFiles } from "@/lib/scanner";
import { SYSTEM } from "./actor";
import { createProgram } from "./create-program";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { saveProgramPolicy } from "./save-program-policy";

const DEMO_DIR = path.join(process.cwd(), "examples", "maestro");

/** examples/maestro/policies/<name>.yaml: ValidatingAdmissionPolicies with their bindings. */
const DEMO_POLICIES = ["required-labels", "trusted-registry"];

const read = (file: string) => readFile(/* turbopackIgnore: true */ path.join(DEMO_DIR, file), "utf8");

/**
 * The built-in demo: the Maestro program (examples/maestro) with its roadmap as project data, its policy set
 * (examples/maestro/policies), and each manifest snapshot scanned with those policies and stored through the same
 * code as any other scan. Returns the number of scans stored
 * (snapshots whose tree did not change for an environment add none).
 */
export async function loadDemoProgram(options: { slug?: string } = {}): Promise<number> {
  const parsed = parseProgramOrThrow(await read("program.yaml"), "examples/maestro/program.yaml");
  // Another slug loads a second copy (tests, benchmarks) beside the real demo.
  const program = options.slug ? { ...parsed, project: { ...parsed.project, slug: options.slug } } : parsed;
  const config = parseProjectConfig(await read("rampart.yaml"), "examples/maestro/rampart.yaml");
  const exceptions = parseExceptionList(await read("exceptions.yaml"), "examples/maestro/exceptions.yaml");
  const snapshots = parseSnapshotList(await read("snapshots.yaml"), "examples/maestro/snapshots.yaml");
  if (!snapshots.ok) throw new Error(snapshots.errors.join("\n"));

  // Public: a newcomer sees the demo before any account exists; real projects are private by default.
  // The exceptions file has no dates of its own: it was in force from the first snapshot on (every scan applies
  // it), so that is when its exceptions were documented, not the day the demo happens to be loaded.
  const first = snapshots.list.snapshots[0]?.takenAt; // the list is validated to be in time order
  await createProgram({
    program,
    config,
    exceptions,
    exceptionsDocumentedAt: first ? new Date(first) : undefined,
    createdBy: "rampart-demo",
    visibility: "public",
  });
  // The program's own rules (a trusted registry, required labels): its stored policy set, applied to every snapshot.
  const policies = await Promise.all(
    DEMO_POLICIES.map(async (name) => ({
      name,
      source: `policies/${name}.yaml`,
      content: await read(`policies/${name}.yaml`),
    })),
  );
  for (const p of policies)
    await saveProgramPolicy(SYSTEM, program.project.slug, p.name, { text: p.content, source: p.source });
  let stored = 0;
  for (const snapshot of snapshots.list.snapshots) {
    const root = path.join(DEMO_DIR, "snapshots", snapshot.dir);
    for (const environment of snapshot.environments) {
      const inputs = collectInputs(environment.paths, root);
      const files = await Promise.all(
        inputs.map(async (f) => ({
          path: f.path,
          content: await readFile(/* turbopackIgnore: true */ path.join(root, f.path), "utf8"),
        })),
      );
      // Exceptions are stored with the project and applied at ingest, like those added in the app.
      const result = scanFiles(files, { config, now: new Date(snapshot.takenAt), policies });
      // Identical content is stored once per environment (an unchanged tree is not a new scan): count what was.
      const scan = await createScan({
        actor: SYSTEM,
        projectSlug: program.project.slug,
        meta: {
          environment: environment.name,
          takenAt: snapshot.takenAt,
          gitRef: snapshot.gitRef,
          gitCommit: snapshot.gitRef,
          message: snapshot.message,
        },
        result,
        source: "rampart",
      });
      if (scan.created) stored++;
    }
  }
  return stored;
}

/** Loads the demo on an empty database (no project at all), unless RAMPART_DEMO=off. */
export async function loadDemoIfEmpty(): Promise<number> {
  if (process.env.RAMPART_DEMO === "off") return 0;
  const db = await getDb();
  if ((await db.project.count()) > 0) return 0;
  return loadDemoProgram();
}
