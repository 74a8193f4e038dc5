/**
 * What changed between two scans of an environment: components added/removed, controls fixed/regressed/waived,
 * per category. Pure, over the minimal shape both a ScanResult (CLI, files) and stored scans (server) provide.
 *
 * A policy control (`vap:<name>`) whose policy text changed between the scans (its hash differs) is reported in
 * `policiesChanged`: its result changes measure the new rule, not the components, so they are not counted as
 * fixed, regressed or waived.
 */
import { UNCATEGORISED } from "../scanner/config.ts";

export type DiffStatus = "pass" | "fail" | "waived" | "n/a";

export type DiffableWorkload = {
  kind: string;
  namespace: string;
  name: string;
  category: string;
  file: string;
  controls: Record<string, { status: DiffStatus }>;
};

/** A ValidatingAdmissionPolicy the scan evaluated (ScanResult.policies, Scan.policies). */
export type DiffablePolicy = { name: string; hash: string };

/**
 * A scanned object that is not a workload, with its custom controls' results (ScanResult.resources: `vap:*`, a
 * tool's own; stored as ScanResource rows): its result changes count as the workloads' do; it is not a component
 * added or removed.
 */
export type DiffableResource = Omit<DiffableWorkload, "category"> & { category?: string };

export type DiffableScan = {
  workloads: readonly DiffableWorkload[];
  resources?: readonly DiffableResource[];
  policies?: readonly DiffablePolicy[];
};

/** A policy whose text changed: `changes` result changes under it, counted nowhere else. */
export type PolicyChange = {
  control: string;
  name: string;
  fromHash: string;
  toHash: string;
  changes: number;
};

export type ComponentRef = { kind: string; namespace: string; name: string; category: string; file: string };
export type ControlChange = ComponentRef & { control: string; from: DiffStatus; to: DiffStatus };
export type CategoryDiff = {
  added: number;
  removed: number;
  fixed: number;
  regressed: number;
  waived: number;
  unwaived: number;
};

export type ScanDiff = {
  added: ComponentRef[];
  removed: ComponentRef[];
  /** fail → pass (or a waiver no longer needed: waived → pass). */
  fixed: ControlChange[];
  /** pass / waived / n/a → fail. */
  regressed: ControlChange[];
  /** fail → waived: an exception now covers it. */
  waived: ControlChange[];
  /** waived → fail is a regression; pass → waived is reported here (the fix was withdrawn behind an exception). */
  unwaived: ControlChange[];
  /** Policies whose hash differs between the two scans (both must list it), by name. */
  policiesChanged: PolicyChange[];
  byCategory: Record<string, CategoryDiff>;
  totals: CategoryDiff & { unchanged: number };
};

const POLICY_CONTROL_PREFIX = "vap:";

/** Policies both scans list with a different hash, by control id. */
function changedPolicies(before: DiffableScan, after: DiffableScan): Map<string, PolicyChange> {
  const was = new Map((before.policies ?? []).map((p) => [p.name, p.hash]));
  const changed = new Map<string, PolicyChange>();
  for (const p of after.policies ?? []) {
    const fromHash = was.get(p.name);
    if (fromHash !== undefined && fromHash !== p.hash) {
      const control = POLICY_CONTROL_PREFIX + p.name;
      changed.set(control, { control, name: p.name, fromHash, toHash: p.hash, changes: 0 });
    }
  }
  return changed;
}

const keyOf = (w: { kind: string; namespace: string; name: string }) => `${w.kind}/${w.namespace}/${w.name}`;
const refOf = ({ kind, namespace, name, category, file }: DiffableWorkload): ComponentRef => ({
  kind,
  namespace,
  name,
  category,
  file,
});

type Bucket = "fixed" | "regressed" | "waived" | "unwaived";

function classify(from: DiffStatus, to: DiffStatus): Bucket | null {
  if (from === to) return null;
  if (to === "fail") return "regressed";
  if (to === "pass" && (from === "fail" || from === "waived")) return "fixed";
  if (to === "waived") return from === "fail" ? "waived" : "unwaived";
  return null;
}

const emptyCategory = (): CategoryDiff => ({
  added: 0,
  removed: 0,
  fixed: 0,
  regressed: 0,
  waived: 0,
  unwaived: 0,
});

export function diffScans(before: DiffableScan, after: DiffableScan): ScanDiff {
  const previous = new Map(before.workloads.map((w) => [keyOf(w), w]));
  const current = new Map(after.workloads.map((w) => [keyOf(w), w]));
  const diff: ScanDiff = {
    added: [],
    removed: [],
    fixed: [],
    regressed: [],
    waived: [],
    unwaived: [],
    policiesChanged: [],
    byCategory: {},
    totals: { ...emptyCategory(), unchanged: 0 },
  };
  const policies = changedPolicies(before, after);
  const category = (name: string) => {
    diff.byCategory[name] ??= emptyCategory();
    return diff.byCategory[name];
  };

  /** Counts the result changes of an object present in both scans; false when there is none. */
  const compare = (w: DiffableWorkload, old: Pick<DiffableWorkload, "controls">): boolean => {
    let changed = false;
    for (const [control, result] of Object.entries(w.controls)) {
      const was = old.controls[control];
      // A control the earlier scan did not evaluate (e.g. a partial import) is no evidence of change.
      if (!was) continue;
      const bucket = classify(was.status, result.status);
      if (!bucket) continue;
      changed = true;
      const policy = policies.get(control);
      if (policy) {
        policy.changes++;
        continue;
      }
      diff[bucket].push({ ...refOf(w), control, from: was.status, to: result.status });
      category(w.category)[bucket]++;
    }
    return changed;
  };

  for (const [key, w] of current) {
    const old = previous.get(key);
    if (!old) {
      diff.added.push(refOf(w));
      category(w.category).added++;
      continue;
    }
    if (!compare(w, old)) diff.totals.unchanged++;
  }
  const previousResources = new Map((before.resources ?? []).map((r) => [keyOf(r), r]));
  for (const r of after.resources ?? []) {
    const old = previousResources.get(keyOf(r));
    if (old) compare({ ...r, category: r.category ?? UNCATEGORISED }, old);
  }
  for (const [key, w] of previous) {
    if (current.has(key)) continue;
    diff.removed.push(refOf(w));
    category(w.category).removed++;
  }

  const order = (a: ComponentRef & { control?: string }, b: ComponentRef & { control?: string }) =>
    a.category.localeCompare(b.category) ||
    keyOf(a).localeCompare(keyOf(b)) ||
    (a.control ?? "").localeCompare(b.control ?? "");
  for (const list of [diff.added, diff.removed, diff.fixed, diff.regressed, diff.waived, diff.unwaived])
    list.sort(order);
  diff.policiesChanged = [...policies.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const c of Object.values(diff.byCategory))
    for (const k of Object.keys(c) as (keyof CategoryDiff)[]) diff.totals[k] += c[k];
  return diff;
}

/** True when the diff contains what `--fail-on` names. */
export function diffFails(diff: ScanDiff, on: readonly ("regression" | "removed" | "waived")[]): boolean {
  return (
    (on.includes("regression") && diff.regressed.length > 0) ||
    (on.includes("removed") && diff.removed.length > 0) ||
    (on.includes("waived") && diff.waived.length > 0)
  );
}
