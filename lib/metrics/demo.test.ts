/**
 * The Maestro demo (examples/maestro) end to end: each snapshot's production manifests scanned with the real
 * scanner, then every figure of Phase 2 computed from those scans. Expectations follow from the manifests
 * (see examples/maestro/README.md), not from the hand-written summary's inconsistent numbers.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseProgramOrThrow, parseSnapshotList } from "@/lib/program";
import { parseExceptionList, parseProjectConfig, type ScanResult, scanFiles } from "@/lib/scanner";
import { computeBurnUp } from "./burn-up";
import { formatPercent } from "./format";
import { computePhaseFigures, type PhaseFigures } from "./phase-figures";
import { compareControlRates } from "./quality-metrics";
import { computePhaseProgress } from "./work-stream-progress";
import type { DatedMetricScan, MetricScan } from "./types";

const DEMO = join(import.meta.dirname, "..", "..", "examples", "maestro");
const read = (...p: string[]) => readFileSync(join(DEMO, ...p), "utf8");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const program = parseProgramOrThrow(read("program.yaml"), "program.yaml");
/** Phase 2: the hardening that the demo's scans record. */
const phase = program.phases[1];
/** Maturity spans the program: Phase 1 done (its milestones are ticked in the file), Phase 3 not started. */
const otherPhases = [program.phases[0], program.phases[2]].map((p) => ({
  phaseId: p.id,
  weight: p.workStreams.reduce((n, w) => n + w.weight, 0),
  progress: computePhaseProgress(p, {}).overall,
}));
const programWide = { ...program, otherPhases };
const list = parseSnapshotList(read("snapshots.yaml"), "snapshots.yaml");
if (!list.ok) throw new Error(list.errors.join("\n"));
const config = parseProjectConfig(read("rampart.yaml"), "rampart.yaml");
const exceptions = parseExceptionList(read("exceptions.yaml"), "exceptions.yaml");

type Snap = { dir: string; scan: DatedMetricScan; figures: PhaseFigures };
const snaps: Snap[] = [];

beforeAll(() => {
  for (const entry of list.list.snapshots) {
    const root = join(DEMO, "snapshots", entry.dir);
    const files = walk(join(root, "infrastructure", "kubernetes"))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => ({ path: relative(root, f), content: readFileSync(f, "utf8") }));
    const result: ScanResult = scanFiles(files, { config, exceptions, now: new Date(entry.takenAt) });
    expect(result.errors).toEqual([]);
    const scan: DatedMetricScan = { ...result, takenAt: entry.takenAt }; // a ScanResult is a MetricScan
    snaps.push({
      dir: entry.dir,
      scan,
      figures: computePhaseFigures(programWide, phase, { production: scan }),
    });
  }
});

const at = (dir: string) => {
  const s = snaps.find((x) => x.dir === dir);
  if (!s) throw new Error(dir);
  return s;
};
const row = (dir: string, id: string) => {
  const r = at(dir).figures.metrics.find((m) => m.id === id);
  if (!r) throw new Error(id);
  return r;
};
const table = (dir: string) =>
  Object.fromEntries(at(dir).figures.metrics.map((m) => [m.id, `${m.achieved}/${m.target} ${m.status}`]));
const criterion = (dir: string, id: string) => {
  const { periods, phase: own } = at(dir).figures.exitCriteria;
  const c = [...periods.flatMap((p) => p.criteria), ...own].find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};

describe("Maestro demo: Phase 2 figures from the scanned snapshots", () => {
  it("scans four snapshots of 20 production components", () => {
    expect(snaps.map((s) => [s.dir, s.scan.workloads.length])).toEqual([
      ["01-baseline", 20],
      ["02-week1-complete", 20],
      ["03-network-policies-pdbs", 20],
      ["04-phase2-final", 20],
    ]);
    const _typed: MetricScan = snaps[0].scan;
    expect(_typed).toBeDefined();
  });

  it("baseline: runAsNonRoot 12 of 19 (63%), promtail waived as the one exception", () => {
    const rnr = row("01-baseline", "run-as-non-root");
    expect(rnr).toMatchObject({ achieved: 12, target: 19, notApplicable: 0 });
    expect(formatPercent(rnr.ratio)).toBe("63%");
    expect(rnr.waived.map((w) => w.component)).toEqual(["promtail"]);
    expect(rnr.waived[0].justification).toMatch(/root/);
    expect(table("01-baseline")).toEqual({
      "production-deployments": "20/20 complete",
      "run-as-non-root": "12/19 on-track",
      "capabilities-dropped": "12/20 on-track",
      "seccomp-enabled": "12/20 on-track",
      "read-only-root-fs": "5/9 on-track",
      "resource-limits": "20/20 complete",
      "network-policy-coverage": "0/20 not-started",
      "pdb-coverage": "0/19 not-started",
    });
  });

  it("week 1 complete: the hardening table of the summary (runAsNonRoot 19/19, 1 exception: promtail)", () => {
    expect(table("02-week1-complete")).toEqual({
      "production-deployments": "20/20 complete",
      "run-as-non-root": "19/19 complete",
      "capabilities-dropped": "20/20 complete",
      "seccomp-enabled": "20/20 complete",
      "read-only-root-fs": "10/10 complete",
      "resource-limits": "20/20 complete",
      "network-policy-coverage": "0/20 not-started",
      "pdb-coverage": "0/19 not-started",
    });
    expect(row("02-week1-complete", "run-as-non-root").note).toBe("1 exception: promtail");
    expect(row("02-week1-complete", "read-only-root-fs").notApplicable).toBe(10);
  });

  it("week 2-3: regressions and partial coverage are behind plan at the end of week 3", () => {
    expect(table("03-network-policies-pdbs")).toEqual({
      "production-deployments": "20/20 complete",
      "run-as-non-root": "19/19 complete",
      "capabilities-dropped": "19/20 behind",
      "seccomp-enabled": "20/20 complete",
      "read-only-root-fs": "8/10 behind",
      "resource-limits": "20/20 complete",
      "network-policy-coverage": "9/20 behind",
      "pdb-coverage": "5/19 behind",
    });
    expect(row("03-network-policies-pdbs", "capabilities-dropped").failing.map((f) => f.name)).toEqual([
      "maestro-worker",
    ]);
  });

  it("final: everything complete, promtail still the one exception", () => {
    const t = table("04-phase2-final");
    expect(Object.values(t).every((v) => v.endsWith("complete"))).toBe(true);
    expect(t["network-policy-coverage"]).toBe("20/20 complete");
    expect(t["pdb-coverage"]).toBe("19/19 complete");
    expect(row("04-phase2-final", "run-as-non-root").waived.map((w) => w.component)).toEqual(["promtail"]);
  });

  it("quality metrics: runAsNonRoot 63% → 100%, network policy 0% → 100%", () => {
    const changes = compareControlRates(at("01-baseline").scan, at("04-phase2-final").scan, [
      { control: "run-as-non-root", label: "runAsNonRoot" },
      { control: "capabilities-drop-all", label: "Capabilities Dropped" },
      { control: "seccomp-profile", label: "Seccomp" },
      { control: "network-policy", label: "NetworkPolicy coverage" },
    ]);
    expect(changes.map((c) => c.summary)).toEqual([
      "runAsNonRoot: 63% → 100%",
      "Capabilities Dropped: 60% → 100%",
      "Seccomp: 60% → 100%",
      "NetworkPolicy coverage: 0% → 100%",
    ]);
    // the same figure as the hardening table
    expect(changes[0].before?.rate).toBe(row("01-baseline", "run-as-non-root").ratio);
  });

  it("work streams: scan-based progress with its source, milestones otherwise", () => {
    const ws = (dir: string) =>
      Object.fromEntries(at(dir).figures.progress.workStreams.map((w) => [w.id, `${w.done}/${w.total}`]));
    expect(ws("01-baseline")).toMatchObject({ "k8s-hardening": "12/20", "network-policies": "0/20" });
    expect(ws("03-network-policies-pdbs")).toMatchObject({
      "k8s-hardening": "19/20",
      "network-policies": "9/20",
      "pod-disruption-budgets": "5/19",
      rbac: "0/3",
    });
    const netpol = at("04-phase2-final").figures.progress.workStreams.find(
      (w) => w.id === "network-policies",
    );
    expect(netpol?.label).toBe("from scan data: 20 of 20 production components pass network-policy");
    const rbac = at("04-phase2-final").figures.progress.workStreams.find((w) => w.id === "rbac");
    expect(rbac?.label).toBe("from milestones: 0 of 3 done");
  });

  it("maturity rises with the phase's progress (over the whole program: Phase 2 takes it from 65% to 80%)", () => {
    expect(otherPhases.map((p) => [p.phaseId, p.weight, p.progress])).toEqual([
      ["phase-1", 2, 1],
      ["phase-3", 2, 0],
    ]);
    const m = snaps.map((s) => s.figures.maturity.value);
    expect(m[0]).toBeCloseTo(0.65 + 0.15 * 0.18); // hardening 12/20 × weight 3 of 10
    expect(m[1]).toBeCloseTo(0.695);
    expect(m[2]).toBeCloseTo(0.65 + (0.15 * ((3 * 19) / 20 + 9 / 20 + 5 / 19)) / 10);
    expect(m[3]).toBeCloseTo(0.725); // the five milestone-tracked streams have no milestone done
    for (let i = 1; i < m.length; i++) expect(m[i]).toBeGreaterThan(m[i - 1]);
    expect(at("04-phase2-final").figures.maturity.explanation).toBe(
      "62% baseline + (83% target − 62% baseline) × 50% program progress = 72.5%",
    );
  });

  it("exit criteria follow the story", () => {
    const half = criterion("01-baseline", "w1-half-hardened");
    expect(half.met).toBe(true);
    expect(half.evidence).toMatch(
      /^12 of 20 components pass run-as-non-root, capabilities-drop-all and seccomp-profile/,
    );
    expect(criterion("01-baseline", "w1-network-policies-initiated").met).toBe(false);
    expect(criterion("01-baseline", "w1-plan-approved")).toMatchObject({ met: true, automatic: false });
    expect(criterion("02-week1-complete", "w23-all-hardened").met).toBe(true);
    expect(criterion("02-week1-complete", "p2-network-policies").met).toBe(false);
    expect(criterion("03-network-policies-pdbs", "w1-network-policies-initiated").met).toBe(true);
    expect(criterion("03-network-policies-pdbs", "w1-pdbs-initiated").met).toBe(true);
    const regressed = criterion("03-network-policies-pdbs", "w23-all-hardened");
    expect(regressed.met).toBe(false);
    expect(regressed.evidence).toBe(
      "19 of 20 components pass run-as-non-root, capabilities-drop-all, seccomp-profile and no-privilege-escalation (waived counts as met); failing: maestro-worker",
    );
    const deny03 = criterion("03-network-policies-pdbs", "p2-network-policies");
    expect(deny03.met).toBe(false);
    expect(deny03.failingNamespaces).toEqual(["logging", "registry", "training"]);
    expect(criterion("04-phase2-final", "p2-network-policies").met).toBe(true);
    expect(criterion("04-phase2-final", "w23-default-deny").met).toBe(true);
    expect(criterion("04-phase2-final", "p2-security-contexts").met).toBe(true);
    expect(criterion("04-phase2-final", "p2-resource-limits").met).toBe(true);
    expect(criterion("04-phase2-final", "p2-maturity")).toMatchObject({
      met: false,
      evidence: "Maturity 72.5% (needs 80%)",
    });
  });

  it("burn-up: coverage only grows; hardening dips at the 1.5.0 regression", () => {
    const scans = snaps.map((s) => s.scan);
    const window = { start: phase.start, end: phase.end };
    const hardened = (controls: string[]) =>
      computeBurnUp(scans, { controls, window }).points.map((p) => p.hardened);
    const nondecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]);
    expect(hardened(["network-policy"])).toEqual([0, 0, 9, 20]);
    expect(hardened(["pod-disruption-budget"])).toEqual([0, 0, 5, 19]);
    expect(hardened(["run-as-non-root", "seccomp-profile"])).toEqual([12, 20, 20, 20]);
    for (const c of [["network-policy"], ["pod-disruption-budget"], ["run-as-non-root", "seccomp-profile"]]) {
      expect(nondecreasing(hardened(c))).toBe(true);
    }
    const k8s = phase.workStreams.find((w) => w.id === "k8s-hardening");
    if (k8s?.progress.type !== "scan") throw new Error("k8s-hardening is scan-tracked");
    const burn = computeBurnUp(scans, { controls: k8s.progress.controls, window });
    expect(burn.points.map((p) => p.hardened)).toEqual([12, 20, 19, 20]); // maestro-worker regressed at 03
    expect(burn.total).toBe(20);
    expect(burn.points[3].planned).toBeLessThanOrEqual(20);
    // the same count as the work stream's progress
    expect(burn.points.map((p) => p.hardened)).toEqual(
      snaps.map((s) => s.figures.progress.workStreams.find((w) => w.id === "k8s-hardening")?.done),
    );
  });
});
