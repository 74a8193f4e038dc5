/**
 * SARIF 2.1.0 from Kubernetes misconfiguration scanners: kube-score `-o sarif`, Kubescape
 * `-f sarif`, Trivy `trivy config -f sarif`, Checkov `-o sarif` (the tool is read from
 * runs[].tool.driver.name). SARIF carries failures only, so:
 * - every result (unless `kind` says pass / notApplicable, or it is suppressed) is a failure;
 * - a control mapped by a rule listed in `tool.driver.rules` that produced no result for a
 *   resource seen in the same run is a `pass` *inferred* ("inferred: no SARIF result");
 * - resources without any result are invisible; `partialEvidence` is always true.
 * The resource of a result is identified, in order, from: logicalLocations (fullyQualifiedName
 * "namespace/Kind/name" as Rampart writes it, or "Kind/namespace/name"), the region snippet
 * (Checkov embeds the manifest), the message text (Trivy: "Container 'c' of Deployment 'api'
 * should ..."), else the file (and, for kube-score and Checkov whose region starts at the
 * object, the line) as an "Unidentified" workload. Trivy and kube-score SARIF do not carry the
 * namespace: those workloads land in "default".
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ImportBuilder, isWorkloadKind, type ResourceRef, UNIDENTIFIED_KIND } from "./build.ts";
import { controlsFor, type ToolKey } from "./mapping.ts";
import { ImportError, type ImportedScan, type ImportOptions, type OtherFinding } from "./types.ts";
import { parseWith } from "./zod-error.ts";

const text = z.looseObject({ text: z.string().nullish(), markdown: z.string().nullish() });
const region = z.looseObject({
  startLine: z.number().nullish(),
  snippet: z.looseObject({ text: z.string().nullish() }).nullish(),
});
const location = z.looseObject({
  physicalLocation: z
    .looseObject({
      artifactLocation: z.looseObject({ uri: z.string().nullish() }).nullish(),
      region: region.nullish(),
      contextRegion: region.nullish(),
    })
    .nullish(),
  logicalLocations: z
    .array(
      z.looseObject({
        name: z.string().nullish(),
        fullyQualifiedName: z.string().nullish(),
        kind: z.string().nullish(),
      }),
    )
    .nullish(),
});
const result = z.looseObject({
  ruleId: z.string().nullish(),
  ruleIndex: z.number().nullish(),
  rule: z.looseObject({ id: z.string().nullish() }).nullish(),
  level: z.string().nullish(),
  kind: z.string().nullish(),
  message: text,
  locations: z.array(location).nullish(),
  suppressions: z.array(z.unknown()).nullish(),
});
const rule = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  shortDescription: text.nullish(),
  defaultConfiguration: z.looseObject({ level: z.string().nullish() }).nullish(),
});
const run = z.looseObject({
  tool: z.looseObject({
    driver: z.looseObject({
      name: z.string(),
      version: z.string().nullish(),
      semanticVersion: z.string().nullish(),
      rules: z.array(rule).nullish(),
    }),
  }),
  results: z.array(result).nullish(),
  invocations: z
    .array(z.looseObject({ startTimeUtc: z.string().nullish(), endTimeUtc: z.string().nullish() }))
    .nullish(),
});

export const sarifSchema = z.looseObject({ version: z.literal("2.1.0"), runs: z.array(run) });

type SarifResult = z.infer<typeof result>;

export function looksLikeSarif(json: unknown): boolean {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  if (!Array.isArray(o.runs)) return false;
  return (
    (typeof o.version === "string" && o.version.startsWith("2.")) ||
    (typeof o.$schema === "string" && o.$schema.toLowerCase().includes("sarif"))
  );
}

export function toolKeyOf(driverName: string): ToolKey | undefined {
  const n = driverName.toLowerCase();
  if (n.includes("trivy") || n.includes("tfsec") || n.includes("defsec")) return "trivy";
  if (n.includes("kube-score") || n.includes("kubescore")) return "kubeScore";
  if (n.includes("checkov")) return "checkov";
  if (n.includes("kubescape")) return "kubescape";
  if (n.includes("polaris")) return "polaris";
  return undefined;
}

/** Trivy ids: KSV001, KSV-0001 and AVD-KSV-0001 all mean KSV001. */
export function normaliseRuleId(tool: ToolKey | undefined, id: string): string {
  if (tool === "trivy") {
    const m = /^(?:AVD-)?KSV-?0*(\d+)$/i.exec(id);
    if (m) return `KSV${m[1].padStart(3, "0")}`;
  }
  return id;
}

function stripUri(uri: string): string {
  return uri.replace(/^file:\/\//, "");
}

/** Trivy's message is "Artifact: ...\nType: ...\n...\nMessage: <text>\nLink: ..."; keep <text>. */
function messageText(r: SarifResult): string {
  const t = r.message.text ?? r.message.markdown ?? "";
  const m = /^Message: (.*)$/m.exec(t);
  return (m ? m[1] : t).trim();
}

interface Identity {
  ref: ResourceRef;
  container?: string;
}

function fromLogical(r: SarifResult): ResourceRef | undefined {
  for (const loc of r.locations ?? []) {
    for (const l of loc.logicalLocations ?? []) {
      const parts = (l.fullyQualifiedName ?? "").split("/");
      if (parts.length !== 3) continue;
      const [a, b, c] = parts;
      if (isWorkloadKind(b) || /^[A-Z]/.test(b)) return { kind: b, namespace: a || undefined, name: c };
      if (/^[A-Z]/.test(a)) return { kind: a, namespace: b || undefined, name: c };
    }
  }
  return undefined;
}

function fromSnippet(snippet: string | null | undefined): ResourceRef | undefined {
  if (!snippet) return undefined;
  try {
    const doc = parseYaml(snippet) as unknown;
    if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return undefined;
    const o = doc as Record<string, unknown>;
    const meta = (o.metadata ?? {}) as Record<string, unknown>;
    if (typeof o.kind !== "string" || typeof meta.name !== "string") return undefined;
    const labels: Record<string, string> = {};
    if (meta.labels && typeof meta.labels === "object")
      for (const [k, v] of Object.entries(meta.labels)) if (typeof v === "string") labels[k] = v;
    return {
      kind: o.kind,
      name: meta.name,
      namespace: typeof meta.namespace === "string" ? meta.namespace : undefined,
      apiVersion: typeof o.apiVersion === "string" ? o.apiVersion : undefined,
      labels,
    };
  } catch {
    return undefined;
  }
}

function fromMessage(msg: string): Identity | undefined {
  let container: string | undefined;
  for (const m of msg.matchAll(/\b([A-Z][A-Za-z]+) '([^']+)'/g)) {
    if (m[1] === "Container") {
      container ??= m[2];
      continue;
    }
    if (isWorkloadKind(m[1]) || m[1].endsWith("Role") || m[1].endsWith("Binding") || m[1] === "Service")
      return { ref: { kind: m[1], name: m[2] }, ...(container ? { container } : {}) };
  }
  return undefined;
}

function identify(r: SarifResult, tool: ToolKey | undefined): Identity {
  const phys = r.locations?.[0]?.physicalLocation;
  const file = phys?.artifactLocation?.uri ? stripUri(phys.artifactLocation.uri) : undefined;
  const reg = phys?.region ?? phys?.contextRegion;
  const line = reg?.startLine ?? undefined;
  const withFile = (ref: ResourceRef): ResourceRef => ({
    ...ref,
    ...(file ? { file } : {}),
    ...(line && (tool === "kubeScore" || tool === "checkov") ? { line } : {}),
  });
  const logical = fromLogical(r);
  if (logical) return { ref: withFile(logical) };
  const snip = fromSnippet(reg?.snippet?.text);
  if (snip) return { ref: withFile(snip) };
  const msg = fromMessage(messageText(r));
  if (msg) return { ...msg, ref: withFile(msg.ref) };
  const byLine = line && (tool === "kubeScore" || tool === "checkov");
  const name = file ? (byLine ? `${file}:${line}` : file) : "(unknown resource)";
  return { ref: withFile({ kind: UNIDENTIFIED_KIND, name }) };
}

function failureStatus(level: string | null | undefined): OtherFinding["status"] {
  return level === "error" ? "fail" : "warning";
}

export function importSarif(json: unknown, options: ImportOptions): ImportedScan {
  const log = parseWith(sarifSchema, json, "SARIF");
  const tools: string[] = [];
  const versions: string[] = [];
  const firstKey = log.runs.length ? toolKeyOf(log.runs[0].tool.driver.name) : undefined;
  const b = new ImportBuilder(firstKey, log.runs[0]?.tool.driver.name ?? "SARIF", options);
  log.runs.forEach((rn, runIndex) => {
    const driver = rn.tool.driver;
    const key = toolKeyOf(driver.name);
    if (!tools.includes(driver.name)) tools.push(driver.name);
    const v = driver.version || driver.semanticVersion;
    if (v && !versions.includes(v)) versions.push(v);
    // The tool of this run decides the mapping (a log may hold runs of several tools).
    b.setTool(key, driver.name);
    const rb = b;
    const rules = driver.rules ?? [];
    const ruleById = new Map(rules.map((r) => [r.id, r]));
    const touched = new Set<string>();
    const suppressed = new Set<string>();
    // Results naming no resource (e.g. Trivy's "Either Pod or Container should set ...") go to the
    // resource identified by the other results of the same file, when there is exactly one.
    const identities = (rn.results ?? []).map((r) => identify(r, key));
    const perFile = new Map<string, Map<string, ResourceRef>>();
    for (const id of identities) {
      if (id.ref.kind === UNIDENTIFIED_KIND || !id.ref.file) continue;
      const m = perFile.get(id.ref.file) ?? new Map<string, ResourceRef>();
      m.set(`${id.ref.kind}/${id.ref.namespace ?? ""}/${id.ref.name}`, id.ref);
      perFile.set(id.ref.file, m);
    }
    (rn.results ?? []).forEach((r, i) => {
      const rawId = r.ruleId ?? r.rule?.id ?? (r.ruleIndex != null ? rules[r.ruleIndex]?.id : undefined);
      if (!rawId) {
        const path = `runs[${runIndex}].results[${i}].ruleId`;
        throw new ImportError(`SARIF: ${path}: expected string (required field missing)`, path);
      }
      const checkId = normaliseRuleId(key, rawId);
      const rule = ruleById.get(rawId);
      const level = r.level ?? rule?.defaultConfiguration?.level ?? "warning";
      let id = identities[i];
      if (id.ref.kind === UNIDENTIFIED_KIND && id.ref.file) {
        const only = perFile.get(id.ref.file);
        if (only?.size === 1) id = { ref: [...only.values()][0] };
      }
      const title = rule?.shortDescription?.text || rule?.name || checkId;
      let status: OtherFinding["status"] = failureStatus(level);
      if (r.kind === "pass") status = "pass";
      else if (r.kind === "notApplicable" || r.kind === "informational") status = "skipped";
      const isSuppressed = (r.suppressions ?? []).length > 0;
      const message = messageText(r) || title;
      const rkey = rb.addResource(id.ref);
      touched.add(rkey);
      if (isSuppressed) {
        for (const c of controlsFor(key, checkId)) suppressed.add(`${rkey}\u0000${c}`);
        rb.addOther({
          tool: driver.name,
          checkId,
          title,
          severity: level,
          status: "skipped",
          kind: id.ref.kind,
          ...(id.ref.namespace ? { namespace: id.ref.namespace } : {}),
          name: id.ref.name,
          file: id.ref.file ?? rb.importFile,
          message: `suppressed in SARIF: ${message}`,
        });
        return;
      }
      rb.addOutcome(id.ref, {
        checkId,
        title,
        status,
        severity: level,
        message,
        ...(id.container ? { container: id.container } : {}),
      });
    });
    // Inferred passes: controls the run's rules map, without a result for a resource seen here.
    const byControl = new Map<string, string[]>();
    for (const r of rules) {
      const checkId = normaliseRuleId(key, r.id);
      for (const c of controlsFor(key, checkId)) {
        const list = byControl.get(c) ?? [];
        if (!list.includes(checkId)) list.push(checkId);
        byControl.set(c, list);
      }
    }
    for (const { key: rkey, ref } of rb.resourceKeys()) {
      if (!touched.has(rkey) || !isWorkloadKind(ref.kind)) continue;
      for (const [c, ids] of byControl) {
        if (rb.hasControl(rkey, c) || suppressed.has(`${rkey}\u0000${c}`)) continue;
        rb.addInferredPass(rkey, c, ids);
      }
    }
    b.addNote(
      `imported from ${driver.name}${v ? ` ${v}` : ""} SARIF (run ${runIndex}): SARIF lists failures only; passes are inferred for controls mapped by the run's ${rules.length} rule(s) and resources without any result are not visible (partial evidence)`,
    );
  });
  const { result: scan, otherFindings } = b.finish();
  // The runs' invocation times, when the tool recorded any (most SARIF writers do not).
  const times = log.runs.flatMap((rn) =>
    (rn.invocations ?? []).flatMap((inv) => [inv.startTimeUtc, inv.endTimeUtc].filter((t) => !!t)),
  );
  return {
    tool: tools.join(", ") || "SARIF",
    toolVersion: versions.join(", ") || "unknown",
    partialEvidence: true,
    result: scan,
    otherFindings,
    ...(times.length ? { observedAt: times.join(" ") } : {}),
  };
}
