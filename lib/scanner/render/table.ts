/** Human-readable terminal view. Colour is decided by the caller (TTY and NO_COLOR). */
import type { ScanResult } from "../schema.ts";
import {
  applicableRate,
  CONTROL_ORDER,
  failingControls,
  percent,
  policyControlIds,
  workloadId,
} from "./common.ts";

export interface TableOptions {
  color?: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

export function renderTable(result: ScanResult, options: TableOptions = {}): string {
  const paint = (code: keyof typeof CODES, s: string) =>
    options.color ? `\x1b[${CODES[code]}m${s}\x1b[0m` : s;
  const lines: string[] = [];
  // The same kind/namespace/name in two files (an install.yaml and its HA variant): say which file.
  const seen = new Map<string, number>();
  for (const w of result.workloads) seen.set(workloadId(w), (seen.get(workloadId(w)) ?? 0) + 1);
  const ids = result.workloads.map((w) => {
    const id = workloadId(w);
    return (seen.get(id) ?? 0) > 1 ? `${id} (${w.file}${w.document ? ` #${w.document}` : ""})` : id;
  });
  const idWidth = Math.min(60, Math.max(8, ...ids.map((s) => s.length))) + 2;
  lines.push(
    paint("bold", `${pad("WORKLOAD", idWidth)}${pad("PATTERN", 14)}${pad("PSS", 12)}FAILING CONTROLS`),
  );
  result.workloads.forEach((w, i) => {
    const fails = failingControls(w);
    const waived = CONTROL_ORDER.filter((id) => w.controls[id]?.status === "waived").length;
    const pss =
      w.pssLevel === "restricted"
        ? paint("green", pad(w.pssLevel, 12))
        : w.pssLevel === "baseline"
          ? paint("yellow", pad(w.pssLevel, 12))
          : paint("red", pad(w.pssLevel, 12));
    const failText = fails.length ? paint("red", fails.join(", ")) : paint("green", "none");
    lines.push(
      `${pad(ids[i], idWidth)}${pad(w.pattern, 14)}${pss}${failText}${waived ? paint("dim", ` (+${waived} waived)`) : ""}`,
    );
  });
  lines.push("");
  const controlIds = [...CONTROL_ORDER, ...policyControlIds(result)];
  const controlWidth = Math.max(30, ...controlIds.map((id) => id.length + 2));
  lines.push(
    paint(
      "bold",
      `${pad("CONTROL", controlWidth)}${pad("PASS", 7)}${pad("FAIL", 7)}${pad("WAIVED", 8)}${pad("N/A", 7)}APPLICABLE OK`,
    ),
  );
  for (const id of controlIds) {
    const c = result.summary.controls[id];
    if (!c) continue;
    const rate = applicableRate(c);
    const row = `${pad(id, controlWidth)}${pad(String(c.pass), 7)}${pad(String(c.fail), 7)}${pad(String(c.waived), 8)}${pad(String(c["n/a"]), 7)}${percent(rate)}`;
    lines.push(c.fail > 0 ? paint("red", row) : row);
  }
  const failingResources = (result.resources ?? []).filter((r) => failingControls(r).length);
  if (failingResources.length) {
    lines.push("", paint("bold", `${pad("OTHER OBJECT", idWidth)}FAILING POLICIES`));
    for (const r of failingResources)
      lines.push(
        `${pad(`${r.namespace || "-"}/${r.kind}/${r.name}`, idWidth - 1)} ${paint("red", failingControls(r).join(", "))}`,
      );
  }
  lines.push("");
  const s = result.summary;
  lines.push(
    `${s.workloads} workloads: ${s.pssLevels.restricted} restricted, ${s.pssLevels.baseline} baseline, ${s.pssLevels.privileged} privileged` +
      ` · ${result.errors.length} errors · ${result.notes.length} notes` +
      (s.expiredExceptions ? ` · ${paint("yellow", `${s.expiredExceptions} expired exceptions`)}` : ""),
  );
  if (result.errors.length) {
    lines.push("", paint("bold", "Errors"));
    for (const e of result.errors)
      lines.push(
        paint("red", `  ${e.file} (document ${e.document}${e.line ? `, line ${e.line}` : ""}): ${e.message}`),
      );
  }
  if (result.notes.length) {
    lines.push("", paint("bold", "Notes"));
    for (const n of result.notes)
      lines.push(paint("dim", `  ${n.file} (document ${n.document}): ${n.message}`));
  }
  const expired = result.workloads.flatMap((w) =>
    CONTROL_ORDER.filter((id) => w.controls[id]?.expiredException).map(
      (id) =>
        `  ${workloadId(w)} ${id}: expired ${w.controls[id].expiredException?.expires} (owner ${w.controls[id].expiredException?.owner})`,
    ),
  );
  if (expired.length)
    lines.push("", paint("bold", "Expired exceptions"), ...expired.map((l) => paint("yellow", l)));
  return `${lines.join("\n")}\n`;
}
