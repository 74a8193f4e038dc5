/**
 * Polaris `polaris audit --format json` (AuditData, PolarisOutputVersion "1.0", Polaris 8.x/9.x).
 * Controller-level checks are in Results[i].Results, pod-level ones in PodResult.Results and
 * container-level ones in PodResult.ContainerResults[j].Results (-> per-container messages).
 * Success -> pass; failure with Severity danger -> fail, warning -> warning (both fail a control).
 * Polaris reports no file, line, labels or own version: toolVersion is the output format version.
 */
import { z } from "zod";
import { ImportBuilder, type ResourceRef } from "./build.ts";
import type { ImportedScan, ImportOptions } from "./types.ts";
import { parseWith } from "./zod-error.ts";

const resultMessage = z.looseObject({
  ID: z.string(),
  Message: z.string(),
  Details: z.array(z.string()).nullish(),
  Success: z.boolean(),
  Severity: z.string(),
  Category: z.string().optional(),
});
const resultSet = z.record(z.string(), resultMessage);
const containerResult = z.looseObject({ Name: z.string(), Results: resultSet.nullish() });
const podResult = z.looseObject({
  Name: z.string().optional(),
  Results: resultSet.nullish(),
  ContainerResults: z.array(containerResult).nullish(),
});
const result = z.looseObject({
  Name: z.string(),
  Namespace: z.string().optional(),
  Kind: z.string(),
  Results: resultSet.nullish(),
  PodResult: podResult.nullish(),
  CreatedTime: z.string().optional(),
});

export const polarisAuditSchema = z.looseObject({
  PolarisOutputVersion: z.string(),
  AuditTime: z.string().optional(),
  SourceType: z.string().optional(),
  SourceName: z.string().optional(),
  DisplayName: z.string().optional(),
  ClusterInfo: z.looseObject({}).nullish(),
  Results: z.array(result),
});

type ResultMessage = z.infer<typeof resultMessage>;

export function looksLikePolaris(json: unknown): boolean {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return "PolarisOutputVersion" in o || ("AuditTime" in o && Array.isArray(o.Results));
}

function status(m: ResultMessage) {
  if (m.Success) return "pass" as const;
  return m.Severity === "danger" ? ("fail" as const) : ("warning" as const);
}

export function importPolaris(json: unknown, options: ImportOptions): ImportedScan {
  const audit = parseWith(polarisAuditSchema, json, "Polaris audit JSON");
  const b = new ImportBuilder("polaris", "Polaris", options);
  b.addNote(
    `imported from Polaris audit (output format ${audit.PolarisOutputVersion}${audit.AuditTime ? `, audited ${audit.AuditTime}` : ""}${audit.SourceName ? `, source ${audit.SourceName}` : ""}); only the controls Polaris evaluated are present`,
  );
  for (const r of audit.Results) {
    const containers = (r.PodResult?.ContainerResults ?? []).map((c) => ({
      name: c.Name,
      type: "container" as const,
      image: "",
    }));
    const ref: ResourceRef = { kind: r.Kind, namespace: r.Namespace || undefined, name: r.Name, containers };
    b.addResource(ref);
    const add = (set: Record<string, ResultMessage> | null | undefined, container?: string) => {
      for (const [key, m] of Object.entries(set ?? {})) {
        const details = (m.Details ?? []).filter((d) => d !== "");
        b.addOutcome(ref, {
          checkId: m.ID || key,
          title: m.Message,
          status: status(m),
          severity: m.Severity,
          message: details.length ? `${m.Message} (${details.join("; ")})` : m.Message,
          ...(container !== undefined ? { container } : {}),
        });
      }
    };
    add(r.Results);
    add(r.PodResult?.Results);
    for (const c of r.PodResult?.ContainerResults ?? []) add(c.Results, c.Name);
  }
  const { result: scan, otherFindings } = b.finish();
  return {
    tool: "Polaris",
    toolVersion: audit.PolarisOutputVersion,
    partialEvidence: false,
    result: scan,
    otherFindings,
    ...(audit.AuditTime ? { observedAt: audit.AuditTime } : {}),
  };
}
