/**
 * Kubescape `kubescape scan -f json` (report format v2, Kubescape v2.x/v3.x): `results[]` per
 * resource with `controls[{controlID, name, status{status}, rules[{paths}]}]`, `resources[]`
 * with the scanned object, `summaryDetails.controls` with control names, and
 * `metadata.scanMetadata.kubescapeVersion`. passed -> pass, failed -> fail, anything else
 * (skipped, irrelevant, excluded...) -> not evaluated. Failed paths naming
 * `containers[i]` / `initContainers[i]` give per-container messages.
 * Because the object is embedded, labels, containers and `features` are read from it (through
 * the Rampart scanner's own feature extraction, run on that single object).
 */
import { z } from "zod";
import { scanFiles, type WorkloadResult } from "../scanner/index.ts";
import { ImportBuilder, isWorkloadKind, type ResourceRef } from "./build.ts";
import type { ImportedScan, ImportOptions } from "./types.ts";
import { parseWith } from "./zod-error.ts";

const pathEntry = z.looseObject({
  failedPath: z.string().nullish(),
  reviewPath: z.string().nullish(),
  deletePath: z.string().nullish(),
  fixPath: z.looseObject({ path: z.string().nullish() }).nullish(),
});
const control = z.looseObject({
  controlID: z.string(),
  name: z.string().optional(),
  severity: z.unknown().optional(),
  status: z.looseObject({ status: z.string().optional(), subStatus: z.string().optional() }),
  rules: z
    .array(z.looseObject({ name: z.string().optional(), paths: z.array(pathEntry).nullish() }))
    .nullish(),
});
const result = z.looseObject({ resourceID: z.string(), controls: z.array(control).nullish() });
const resource = z.looseObject({
  resourceID: z.string(),
  object: z.unknown().optional(),
  source: z.looseObject({ path: z.string().nullish(), relativePath: z.string().nullish() }).nullish(),
});

export const kubescapeReportSchema = z.looseObject({
  generationTime: z.string().optional(),
  clusterAPIServerInfo: z.unknown().optional(),
  summaryDetails: z
    .looseObject({
      controls: z
        .record(z.string(), z.looseObject({ name: z.string().optional(), severity: z.unknown().optional() }))
        .nullish(),
    })
    .nullish(),
  resources: z.array(resource).nullish(),
  results: z.array(result),
  metadata: z
    .looseObject({
      scanMetadata: z.looseObject({ kubescapeVersion: z.string().optional() }).nullish(),
    })
    .nullish(),
});

export function looksLikeKubescape(json: unknown): boolean {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  if ("summaryDetails" in o && "results" in o) return true;
  const meta = o.metadata as Record<string, unknown> | undefined;
  const scan = meta && typeof meta === "object" ? (meta.scanMetadata as Record<string, unknown>) : undefined;
  if (scan && typeof scan === "object" && "kubescapeVersion" in scan) return true;
  return Array.isArray(o.results) && Array.isArray(o.resources) && "generationTime" in o;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (typeof x === "string") out[k] = x;
  return out;
};

/** "[path=<hash>/api=]<group>/<version>/<namespace>/<kind>/<name>" */
export function parseResourceId(id: string): {
  apiVersion: string;
  namespace: string;
  kind: string;
  name: string;
} {
  const i = id.indexOf("api=");
  const rest = i >= 0 ? id.slice(i + 4) : id;
  const parts = rest.split("/");
  const name = parts.pop() ?? "";
  const kind = parts.pop() ?? "";
  const namespace = parts.pop() ?? "";
  const apiVersion = parts.filter((p) => p !== "").join("/");
  return { apiVersion, namespace, kind: kind || "Unknown", name: name || id };
}

function podSpecOf(o: Obj): Obj | undefined {
  const spec = isObj(o.spec) ? o.spec : undefined;
  if (!spec) return undefined;
  if (o.kind === "Pod") return spec;
  if (o.kind === "CronJob") {
    const jt = isObj(spec.jobTemplate) ? spec.jobTemplate : undefined;
    const js = jt && isObj(jt.spec) ? jt.spec : undefined;
    const t = js && isObj(js.template) ? js.template : undefined;
    return t && isObj(t.spec) ? t.spec : undefined;
  }
  const t = isObj(spec.template) ? spec.template : undefined;
  return t && isObj(t.spec) ? t.spec : undefined;
}

function containerNameAt(obj: Obj | undefined, list: string, index: number): string | undefined {
  const spec = obj ? podSpecOf(obj) : undefined;
  const cs = spec ? spec[list] : undefined;
  if (!Array.isArray(cs)) return undefined;
  const c = cs[index];
  return isObj(c) && typeof c.name === "string" ? c.name : undefined;
}

/** Rampart's own view of the embedded object (features, containers, labels), if it is a workload. */
function describeObject(obj: Obj, file: string, now: Date): WorkloadResult | undefined {
  try {
    const r = scanFiles([{ path: file, content: JSON.stringify(obj) }], { now });
    return r.workloads[0];
  } catch {
    return undefined;
  }
}

function severityText(v: unknown): string | undefined {
  if (typeof v === "string" && v) return v;
  if (typeof v === "number") return `scoreFactor ${v}`;
  return undefined;
}

export function importKubescape(json: unknown, options: ImportOptions): ImportedScan {
  const report = parseWith(kubescapeReportSchema, json, "Kubescape JSON");
  const version = report.metadata?.scanMetadata?.kubescapeVersion || "unknown";
  const b = new ImportBuilder("kubescape", "Kubescape", options);
  b.addNote(
    `imported from Kubescape ${version} JSON${report.generationTime ? ` (generated ${report.generationTime})` : ""}; only the controls Kubescape evaluated are present`,
  );
  const controlInfo = report.summaryDetails?.controls ?? {};
  const objects = new Map<string, Obj>();
  const refs = new Map<string, ResourceRef>();
  for (const r of report.resources ?? []) {
    const idRef = parseResourceId(r.resourceID);
    const o = isObj(r.object) ? r.object : undefined;
    const meta = o && isObj(o.metadata) ? o.metadata : undefined;
    const kind = (o && typeof o.kind === "string" && o.kind) || idRef.kind;
    const name =
      (meta && typeof meta.name === "string" && meta.name) ||
      (o && typeof o.name === "string" && o.name) ||
      idRef.name;
    const namespace =
      (meta && typeof meta.namespace === "string" && meta.namespace) ||
      (o && typeof o.namespace === "string" && o.namespace) ||
      idRef.namespace ||
      undefined;
    const file = r.source?.relativePath || r.source?.path || undefined;
    const ref: ResourceRef = {
      kind,
      name,
      namespace,
      apiVersion: (o && typeof o.apiVersion === "string" && o.apiVersion) || idRef.apiVersion || undefined,
      ...(file ? { file } : {}),
      ...(meta ? { labels: strMap(meta.labels) } : {}),
    };
    if (o && isWorkloadKind(kind)) {
      objects.set(r.resourceID, o);
      const w = describeObject(o, file ?? b.importFile, options.now);
      if (w) {
        ref.labels = w.labels;
        ref.podLabels = w.podLabels;
        ref.containers = w.containers;
        ref.features = w.features;
      }
    }
    refs.set(r.resourceID, ref);
    b.addResource(ref);
  }
  for (const res of report.results) {
    let ref = refs.get(res.resourceID);
    if (!ref) {
      const p = parseResourceId(res.resourceID);
      ref = {
        kind: p.kind,
        name: p.name,
        namespace: p.namespace || undefined,
        apiVersion: p.apiVersion || undefined,
      };
      refs.set(res.resourceID, ref);
    }
    b.addResource(ref);
    const obj = objects.get(res.resourceID);
    for (const c of res.controls ?? []) {
      const s = c.status.status;
      const st = s === "passed" ? "pass" : s === "failed" ? "fail" : "skipped";
      const title = c.name || controlInfo[c.controlID]?.name || c.controlID;
      const severity = severityText(c.severity) ?? severityText(controlInfo[c.controlID]?.severity);
      const base = { checkId: c.controlID, title, status: st, ...(severity ? { severity } : {}) } as const;
      if (st !== "fail") {
        b.addOutcome(ref, { ...base, message: st === "pass" ? title : `${title} (${s ?? "no status"})` });
        continue;
      }
      const perContainer = new Map<string, string[]>();
      const other: string[] = [];
      for (const rule of c.rules ?? []) {
        for (const p of rule.paths ?? []) {
          const path = p.failedPath || p.fixPath?.path || p.reviewPath || p.deletePath;
          if (!path) continue;
          const m = /\b(initContainers|containers|ephemeralContainers)\[(\d+)\]/.exec(path);
          const cname = m ? containerNameAt(obj, m[1], Number(m[2])) : undefined;
          if (cname) perContainer.set(cname, [...(perContainer.get(cname) ?? []), path]);
          else other.push(path);
        }
      }
      if (perContainer.size === 0 || other.length > 0)
        b.addOutcome(ref, { ...base, message: other.length ? `${title}: ${other.join(", ")}` : title });
      for (const [cname, paths] of perContainer)
        b.addOutcome(ref, { ...base, container: cname, message: `${title}: ${paths.join(", ")}` });
    }
  }
  const { result, otherFindings } = b.finish();
  return {
    tool: "Kubescape",
    toolVersion: version,
    partialEvidence: false,
    result,
    otherFindings,
    ...(report.generationTime ? { observedAt: report.generationTime } : {}),
  };
}
