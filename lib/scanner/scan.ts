/**
 * The scanner: pure (no fs). Feed it files one at a time with `Scanner.addFile` (the CLI does, so
 * memory stays proportional to the largest file), or call `scanFiles` with everything at once.
 * Per-workload controls are evaluated as soon as a file is read and only results are kept;
 * coverage controls (NetworkPolicy, PDB) are evaluated in `finish()` across all files.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { categorise, configPattern, type ProjectConfig } from "./config.ts";
import { CONTROL_DEFINITIONS } from "./controls/index.ts";
import { type ExceptionEntry, type ExceptionList, findException } from "./exceptions.ts";
import { podSpecTypeErrors, replicasTypeError } from "./field-types.ts";
import { mergeTemplates } from "./merge-templates.ts";
import { looksLikeGoTemplate, parseText, TEMPLATE_HINT } from "./parse.ts";
import { isPatternId, PACKAGE_INSTALL, PATTERN_ANNOTATION, PATTERNS_BY_ID } from "./patterns.ts";
import { capabilities, seccompType } from "./pod.ts";
import {
  type ControlResult,
  type Features,
  type NamespaceSummary,
  SCHEMA_VERSION,
  type ScanIssue,
  type ScanResult,
  type StatusCounts,
  type WorkloadResult,
} from "./schema.ts";
import type {
  ContainerView,
  ControlOutcome,
  EvalContext,
  NetworkPolicyInfo,
  PatternId,
  PdbInfo,
  PssLevel,
} from "./types.ts";
import {
  arr,
  compareStrings,
  compareWorkloads,
  isObj,
  type Obj,
  obj,
  objs,
  str,
  strMap,
  strs,
} from "./util.ts";
import { type CollectedPolicies, PolicyCollector, type PolicySource } from "./vap/collect.ts";
import { SCANNER_VERSION } from "./version.ts";
import {
  apiGroup,
  CORE_HANDLERS,
  objectKey,
  type WorkloadHandler,
  WorkloadRegistry,
} from "./workload-registry.ts";

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** The core workload kinds (custom resources with pod templates: see workload-registry.ts). */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(CORE_HANDLERS.map((h) => h.kind));

export interface ScanOptions {
  /** Parsed exceptions file (or its entries). */
  exceptions?: ExceptionList | readonly ExceptionEntry[];
  /** Parsed project config (rampart.yaml). */
  config?: ProjectConfig;
  /** Evaluation date for exception expiry. Default: the current time. */
  now?: Date;
  /** `generatedAt` of the result. Default: `now`. */
  generatedAt?: Date;
  /** Files longer than this many characters are rejected (per-file error). Default 10 MiB. */
  maxFileSize?: number;
  /** YAML alias expansion limit (alias bombs). */
  maxAliasCount?: number;
  /**
   * Extra ValidatingAdmissionPolicy texts (with their bindings and parameter objects), each labelled
   * with its source: `--policies DIR`, a program's stored policy set. Policies in the scanned files count too.
   */
  policies?: readonly PolicySource[];
}

export interface ScanFile {
  path: string;
  content: string;
}

/**
 * What files add to a scan before the cross-file evaluation: taken from one Scanner with `takeFileScan`
 * (e.g. in a worker thread) and merged into another with `addFileScan`. Plain data (structured-cloneable).
 */
export interface FileScan {
  workloads: PendingWorkload[];
  networkPolicies: NetworkPolicyInfo[];
  pdbs: PdbInfo[];
  namespaces: string[];
  objects: [string, number][];
  errors: ScanIssue[];
  notes: ScanIssue[];
  policies: CollectedPolicies;
}

interface PendingWorkload {
  result: Omit<WorkloadResult, "controls" | "pssLevel"> & { controls: Record<string, ControlResult> };
  raw: Map<string, ControlOutcome>;
  podLabels: Record<string, string>;
  replicated: boolean;
  selectable: { kind: string; namespace: string; name: string; labels: Record<string, string> };
}

const PER_WORKLOAD = CONTROL_DEFINITIONS.filter((c) => c.category !== "coverage");
const COVERAGE = CONTROL_DEFINITIONS.filter((c) => c.category === "coverage");
const PSS_BASELINE = CONTROL_DEFINITIONS.filter((c) => c.category === "pss-baseline").map((c) => c.id);
const PSS_RESTRICTED = CONTROL_DEFINITIONS.filter((c) => c.category === "pss-restricted").map((c) => c.id);
const HARDENING = new Set(CONTROL_DEFINITIONS.filter((c) => c.category === "hardening").map((c) => c.id));
const SORTED_IDS = CONTROL_DEFINITIONS.map((c) => c.id).sort();

function containerViews(spec: Obj): ContainerView[] {
  const out: ContainerView[] = [];
  const add = (list: unknown, type: ContainerView["type"]) => {
    objs(list).forEach((c, i) => {
      out.push({
        name: str(c.name) ?? `${type}-${i}`,
        type,
        image: str(c.image) ?? "",
        spec: c as never,
        sc: obj(c.securityContext) as never,
      });
    });
  };
  add(spec.initContainers, "init");
  add(spec.containers, "container");
  add(spec.ephemeralContainers, "ephemeral");
  return out;
}

function features(ctx: EvalContext, volumeClaimTemplates: number, runAsNonRoot: boolean): Features {
  const main = ctx.containers.filter((c) => c.type === "container");
  const init = ctx.containers.filter((c) => c.type === "init");
  const vols = objs(ctx.spec.volumes);
  let runAsUser = typeof ctx.podSc.runAsUser === "number" ? ctx.podSc.runAsUser : undefined;
  if (runAsUser === undefined && main.length > 0) {
    const u = main.map((c) => c.sc.runAsUser);
    if (typeof u[0] === "number" && u.every((x) => x === u[0])) runAsUser = u[0];
  }
  let seccomp = seccompType(ctx.podSc.seccompProfile);
  if (seccomp === undefined && main.length > 0) {
    const t = main.map((c) => seccompType(c.sc.seccompProfile));
    if (t[0] !== undefined && t.every((x) => x === t[0])) seccomp = t[0];
  }
  const added = new Set<string>();
  for (const c of ctx.containers) for (const a of capabilities(c.sc).add) added.add(a);
  const dropsAll = (c: ContainerView) => capabilities(c.sc).drop.some((d) => d.toUpperCase() === "ALL");
  const f: Features = {
    runAsNonRoot,
    readOnlyRootFilesystem: main.length > 0 && main.every((c) => c.sc.readOnlyRootFilesystem === true),
    capabilitiesDropped: ctx.containers.length > 0 && ctx.containers.every(dropsAll),
    addedCapabilities: [...added].sort(),
    tempVolumes: vols.some((v) => v.emptyDir !== undefined),
    dataVolumes: volumeClaimTemplates > 0 || vols.some((v) => isObj(v.persistentVolumeClaim)),
    hostPath: vols.some((v) => v.hostPath !== undefined && v.hostPath !== null),
    initContainersSecured:
      init.length > 0 && init.every((c) => c.sc.allowPrivilegeEscalation === false && dropsAll(c)),
  };
  if (runAsUser !== undefined) f.runAsUser = runAsUser;
  if (seccomp !== undefined) f.seccomp = seccomp;
  return f;
}

function inferPattern(ctx: EvalContext, f: Features): PatternId {
  if (ctx.kind === "StatefulSet" || f.dataVolumes) return "stateful";
  if (ctx.kind === "DaemonSet") {
    const hostAccess =
      f.hostPath ||
      ctx.spec.hostNetwork === true ||
      ctx.spec.hostPID === true ||
      ctx.spec.hostIPC === true ||
      ctx.containers.some((c) => c.sc.privileged === true || (c.sc.runAsUser ?? ctx.podSc.runAsUser) === 0);
    if (hostAccess) return "node-agent";
  }
  for (const c of ctx.containers) {
    const words = [...strs(c.spec.command), ...strs(c.spec.args)].join(" ");
    if (words && PACKAGE_INSTALL.test(words)) return "app-writable";
  }
  return "app-readonly";
}

/** Controls PSS restricted exempts Windows pods from (spec.os.name: windows). */
const LINUX_ONLY = new Set([
  "capabilities-drop-all",
  "no-privilege-escalation",
  "read-only-root-filesystem",
  "seccomp-profile",
  "pss-capabilities-restricted",
  "pss-privilege-escalation",
  "pss-seccomp-restricted",
]);

/**
 * A pod that picks Windows nodes only by nodeSelector is still a Linux pod for PSS: say what exempts it.
 */
function windowsByNodeSelectorHint(ctx: EvalContext, spec: Obj, raw: Map<string, ControlOutcome>): void {
  if (ctx.isWindows || obj(spec.nodeSelector)["kubernetes.io/os"] !== "windows") return;
  for (const [id, o] of raw)
    if (LINUX_ONLY.has(id) && o.status === "fail")
      raw.set(id, {
        ...o,
        message: `${o.message} (the pod selects Windows nodes by nodeSelector only: set spec.os.name: windows to exempt it from Linux-only checks)`,
      });
}

interface ObjectAt {
  file: string;
  document: number;
  line: number;
  o: Obj;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  meta: Obj;
  where: string;
}

/** The controls a pattern requires, one Set per pattern (finish() asks for each workload). */
const REQUIRED = new Map<string, ReadonlySet<string>>();
function requiredControls(pattern: string): ReadonlySet<string> {
  let set = REQUIRED.get(pattern);
  if (!set) {
    set = new Set(PATTERNS_BY_ID.get(pattern as PatternId)?.requiredControls ?? []);
    REQUIRED.set(pattern, set);
  }
  return set;
}

function emptyCounts(): StatusCounts {
  return { pass: 0, fail: 0, waived: 0, "n/a": 0 };
}

function byIssue(a: ScanIssue, b: ScanIssue): number {
  return compareStrings(a.file, b.file) || a.document - b.document || compareStrings(a.message, b.message);
}

export class Scanner {
  private readonly workloads: PendingWorkload[] = [];
  private readonly networkPolicies: NetworkPolicyInfo[] = [];
  private readonly pdbs: PdbInfo[] = [];
  private readonly namespaces = new Set<string>();
  private readonly objects = new Map<string, number>();
  private readonly errors: ScanIssue[] = [];
  private readonly notes: ScanIssue[] = [];
  private readonly exceptions: readonly ExceptionEntry[];
  private readonly now: Date;
  private readonly maxFileSize: number;
  private readonly registry: WorkloadRegistry;
  private readonly vap: PolicyCollector;

  constructor(private readonly options: ScanOptions = {}) {
    this.registry = new WorkloadRegistry(options.config?.podTemplates);
    const ex = options.exceptions;
    this.exceptions = ex === undefined ? [] : Array.isArray(ex) ? ex : (ex as ExceptionList).exceptions;
    this.now = options.now ?? new Date();
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    this.vap = new PolicyCollector(this.errors, this.notes);
    this.vap.addSources(options.policies ?? [], (text) =>
      parseText(text, { maxAliasCount: options.maxAliasCount }),
    );
  }

  /** Records a file-level error found outside the scanner (e.g. unreadable, too large). */
  addError(file: string, message: string, document = 0): void {
    this.errors.push({ file, document, message });
  }

  addNote(file: string, message: string, document = 0): void {
    this.notes.push({ file, document, message });
  }

  addFile(path: string, content: string): void {
    if (content.length > this.maxFileSize) {
      this.addError(
        path,
        `file is larger than the size limit (${content.length} > ${this.maxFileSize} bytes, see --max-file-size); skipped`,
      );
      return;
    }
    const parsed = parseText(content, {
      maxAliasCount: this.options.maxAliasCount,
      json: /\.json$/i.test(path),
    });
    for (const e of parsed.errors)
      this.errors.push({ file: path, document: e.document, line: e.line, message: e.message });
    for (const n of parsed.notes)
      this.notes.push({ file: path, document: n.document, line: n.line, message: n.message });
    for (const d of parsed.documents) this.addObject(path, d.document, d.line, d.value, "");
  }

  /**
   * Hands over (and forgets) everything added since the last call, before the cross-file evaluation.
   * Merging the takes in input order with `addFileScan` gives the same `finish()` as adding the files here.
   */
  takeFileScan(): FileScan {
    const taken: FileScan = {
      workloads: this.workloads.splice(0),
      networkPolicies: this.networkPolicies.splice(0),
      pdbs: this.pdbs.splice(0),
      namespaces: [...this.namespaces],
      objects: [...this.objects],
      errors: this.errors.splice(0),
      notes: this.notes.splice(0),
      policies: this.vap.take(),
    };
    this.namespaces.clear();
    this.objects.clear();
    return taken;
  }

  /**
   * True when the scan holds a ValidatingAdmissionPolicy (from the files so far or `options.policies`):
   * only then does `finish()` evaluate policies over every object (FileScan.policies.objects). Without
   * one, a caller merging FileScans may leave the objects out, and add them later (`addPolicyObjects`,
   * in input order) if a policy turns up.
   */
  hasPolicies(): boolean {
    return this.vap.hasPolicies();
  }

  /**
   * Hands over (and forgets) the objects read so far (policy evaluation's input): a caller that sets them
   * aside while `hasPolicies()` is false keeps the scan's heap small, and gives them back (or reads their
   * files again) with `addPolicyObjects` if a policy turns up.
   */
  takePolicyObjects(): FileScan["policies"]["objects"] {
    return this.vap.takeObjects();
  }

  /** Adds objects taken out or left out of a FileScan, in input order (all of them before `finish()`). */
  addPolicyObjects(objects: FileScan["policies"]["objects"]): void {
    this.vap.addObjects(objects);
  }

  /** Adds what another Scanner (same options) took with `takeFileScan`. */
  addFileScan(taken: FileScan): void {
    // Loops, not push(...list): a file may hold more workloads than a call takes arguments.
    for (const w of taken.workloads) this.workloads.push(w);
    for (const np of taken.networkPolicies) this.networkPolicies.push(np);
    for (const p of taken.pdbs) this.pdbs.push(p);
    for (const ns of taken.namespaces) this.namespaces.add(ns);
    for (const [key, n] of taken.objects) this.objects.set(key, (this.objects.get(key) ?? 0) + n);
    for (const e of taken.errors) this.errors.push(e);
    for (const n of taken.notes) this.notes.push(n);
    this.vap.merge(taken.policies);
  }

  private issue(list: ScanIssue[], file: string, document: number, line: number, message: string) {
    list.push({ file, document, line, message });
  }

  private addObject(file: string, document: number, line: number, value: unknown, where: string): void {
    if (value === null || value === undefined) return;
    if (!isObj(value)) {
      const what = Array.isArray(value) ? "a sequence" : `a ${typeof value}`;
      this.issue(
        this.notes,
        file,
        document,
        line,
        `${where}not a Kubernetes object (top level is ${what}); skipped`,
      );
      return;
    }
    const kind = str(value.kind);
    const apiVersion = str(value.apiVersion);
    if (!kind || !apiVersion) {
      const hint = "services" in value && !kind ? " (looks like a docker-compose file)" : "";
      this.issue(
        this.notes,
        file,
        document,
        line,
        `${where}not a Kubernetes object (no ${!apiVersion ? "apiVersion" : "kind"})${hint}; skipped`,
      );
      return;
    }
    if (kind.endsWith("List") && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        this.addObject(file, document, line, item, `${where}items[${i}]: `);
      });
      return;
    }
    this.objects.set(objectKey(apiVersion, kind), (this.objects.get(objectKey(apiVersion, kind)) ?? 0) + 1);
    this.vap.addObject(file, document, line, value, kind, apiVersion);
    const group = apiGroup(apiVersion);
    // Only the Kubernetes kinds: Calico's crd.projectcalico.org NetworkPolicy selects differently.
    const policy =
      (kind === "NetworkPolicy" && (group === "networking.k8s.io" || group === "extensions")) ||
      (kind === "PodDisruptionBudget" && group === "policy");
    const handler = policy ? undefined : this.registry.find(apiVersion, kind);
    if (!policy && !handler) return;
    const meta = obj(value.metadata);
    // generateName-only objects (kubectl create, common for Jobs) are named by their prefix.
    const name = str(meta.name) || str(meta.generateName);
    const at = (msg: string) => this.issue(this.errors, file, document, line, `${where}${msg}`);
    if (!name) {
      at(`${kind} has no metadata.name (nor generateName); skipped`);
      return;
    }
    const namespace = str(meta.namespace) || "default";
    // No Kubernetes name can hold `{{`: any placeholder there is an unrendered template.
    if (name.includes("{{") || namespace.includes("{{")) {
      at(
        `${kind} ${name}: metadata contains an unrendered template placeholder; render the templates first (e.g. \`helm template\`)`,
      );
      return;
    }
    this.namespaces.add(namespace);
    const spec = obj(value.spec);
    if (kind === "NetworkPolicy") {
      const types = strs(spec.policyTypes);
      const hasEgressRules = Array.isArray(spec.egress);
      const ingress = types.length ? types.includes("Ingress") : true;
      const egress = types.length ? types.includes("Egress") : hasEgressRules;
      const podSelector = obj(spec.podSelector) as LabelSelector;
      const all =
        Object.keys(obj(podSelector.matchLabels)).length === 0 &&
        arr(podSelector.matchExpressions).length === 0;
      this.networkPolicies.push({
        namespace,
        name,
        podSelector,
        ingress,
        egress,
        denyAllIngress: all && ingress && arr(spec.ingress).length === 0,
        denyAllEgress: all && egress && arr(spec.egress).length === 0,
      });
      return;
    }
    if (kind === "PodDisruptionBudget") {
      // policy/v1: an empty selector selects every pod of the namespace; policy/v1beta1: none.
      let selector: LabelSelector | null = isObj(spec.selector) ? (spec.selector as LabelSelector) : null;
      if (selector && apiVersion === "policy/v1beta1" && Object.keys(selector).length === 0) selector = null;
      this.pdbs.push({ namespace, name, selector });
      return;
    }
    if (handler)
      this.addWorkload(
        { file, document, line, o: value, kind, apiVersion, name, namespace, meta, where },
        handler,
      );
  }

  private addWorkload(w: ObjectAt, handler: WorkloadHandler): void {
    const { file, document, line, o, kind, apiVersion, name, namespace, meta, where } = w;
    const at = (list: ScanIssue[], msg: string) =>
      this.issue(list, file, document, line, `${where}${kind} ${name}${msg}`);
    const found = handler.templates(o);
    if (found.length === 0) {
      const note = handler.noTemplateNote?.(o);
      if (note) at(this.notes, ` ${note}`);
      else at(this.errors, " has no pod template spec; skipped");
      return;
    }
    const typeErrors =
      found.length === 1
        ? podSpecTypeErrors(found[0].spec, found[0].path)
        : found.flatMap((t) => podSpecTypeErrors(t.spec, t.path));
    const replicasError = replicasTypeError(o);
    if (replicasError) typeErrors.unshift(replicasError);
    if (typeErrors.length) {
      at(this.errors, `: ${typeErrors.join("; ")} (the API server rejects this object); skipped`);
      return;
    }
    const template = mergeTemplates(found);
    const tSpec = template.spec;
    const containers = containerViews(tSpec);
    if (!containers.some((c) => c.type === "container")) {
      at(this.errors, " has no containers; skipped");
      return;
    }
    const templated = containers.find((c) => looksLikeGoTemplate(c.image));
    if (templated) {
      at(
        this.errors,
        `: container ${templated.name} has image ${JSON.stringify(templated.image)}; ${TEMPLATE_HINT}`,
      );
      return;
    }
    const tMeta = obj(template.metadata);
    const labels = strMap(meta.labels);
    // Controller labels carry the object's name: unknown for a generateName-only object (the API server
    // appends a random suffix), so none are assumed then.
    const podLabels = {
      ...strMap(tMeta.labels),
      ...(str(meta.name) ? handler.controllerLabels?.(name) : undefined),
    };
    const podAnnotations = strMap(tMeta.annotations);
    const ctx: EvalContext = {
      kind,
      apiVersion,
      namespace,
      name,
      podLabels,
      podAnnotations,
      spec: tSpec as never,
      podSc: obj(tSpec.securityContext) as never,
      containers,
      isWindows: obj(tSpec.os).name === "windows",
      replicated: handler.replicated === true,
    };
    const raw = new Map<string, ControlOutcome>();
    for (const c of PER_WORKLOAD) {
      try {
        raw.set(c.id, c.evaluate(ctx));
      } catch (e) {
        raw.set(c.id, { status: "fail", message: `could not evaluate: ${String(e)}`, containers: [] });
      }
    }
    windowsByNodeSelectorHint(ctx, tSpec, raw);
    const vct = kind === "StatefulSet" ? arr(obj(o.spec).volumeClaimTemplates).length : 0;
    const f = features(ctx, vct, raw.get("run-as-non-root")?.status === "pass");
    if (ctx.replicated) {
      const replicas = obj(o.spec).replicas;
      f.replicas = typeof replicas === "number" ? replicas : 1;
    }
    const selectable = { kind, namespace, name, labels: { ...podLabels, ...labels } };

    // Pattern: config > annotation > inferred.
    let pattern: PatternId = inferPattern(ctx, f);
    let patternSource: WorkloadResult["patternSource"] = "inferred";
    const annotations = strMap(meta.annotations);
    const ann = annotations[PATTERN_ANNOTATION] ?? podAnnotations[PATTERN_ANNOTATION];
    if (ann !== undefined) {
      if (isPatternId(ann)) {
        pattern = ann;
        patternSource = "annotation";
      } else {
        this.issue(
          this.notes,
          file,
          document,
          line,
          `${where}${kind} ${name}: unknown ${PATTERN_ANNOTATION} "${ann}"; using the inferred pattern`,
        );
      }
    }
    const fromConfig = configPattern(this.options.config, selectable);
    if (fromConfig) {
      pattern = fromConfig;
      patternSource = "config";
    }

    this.workloads.push({
      result: {
        kind,
        apiVersion,
        namespace,
        name,
        file,
        document,
        line,
        labels,
        podLabels,
        category: categorise(this.options.config, selectable, podLabels),
        pattern,
        patternSource,
        containers: containers.map((c) => ({ name: c.name, type: c.type, image: c.image })),
        features: f,
        controls: {},
      },
      raw,
      podLabels,
      replicated: ctx.replicated,
      selectable,
    });
  }

  finish(): ScanResult {
    const nsIndex = new Map<string, { networkPolicies: NetworkPolicyInfo[]; pdbs: PdbInfo[] }>();
    for (const ns of this.namespaces) nsIndex.set(ns, { networkPolicies: [], pdbs: [] });
    for (const np of this.networkPolicies) nsIndex.get(np.namespace)?.networkPolicies.push(np);
    for (const p of this.pdbs) nsIndex.get(p.namespace)?.pdbs.push(p);

    const summaryControls: Record<string, StatusCounts> = {};
    for (const id of SORTED_IDS) summaryControls[id] = emptyCounts();
    const pssLevels = { restricted: 0, baseline: 0, privileged: 0 };
    const patternCounts: Record<string, number> = {};
    let expiredExceptions = 0;

    const workloads: WorkloadResult[] = [];
    for (const w of this.workloads) {
      const r = w.result;
      const coverageCtx: EvalContext = {
        kind: r.kind,
        apiVersion: r.apiVersion,
        namespace: r.namespace,
        name: r.name,
        podLabels: w.podLabels,
        podAnnotations: {},
        spec: { containers: [] },
        podSc: {},
        containers: [],
        isWindows: false,
        replicated: w.replicated,
        coverage: nsIndex.get(r.namespace) ?? { networkPolicies: [], pdbs: [] },
      };
      for (const c of COVERAGE) w.raw.set(c.id, c.evaluate(coverageCtx));

      const ok = (id: string) => w.raw.get(id)?.status !== "fail";
      const pssLevel: PssLevel = PSS_BASELINE.every(ok)
        ? PSS_RESTRICTED.every(ok)
          ? "restricted"
          : "baseline"
        : "privileged";
      pssLevels[pssLevel]++;
      patternCounts[r.pattern] = (patternCounts[r.pattern] ?? 0) + 1;
      const required = requiredControls(r.pattern);

      const controls: Record<string, ControlResult> = {};
      for (const id of SORTED_IDS) {
        const o = w.raw.get(id);
        if (!o) continue;
        const res: ControlResult = { status: o.status, message: o.message, containers: o.containers };
        if (res.status === "fail" && HARDENING.has(id) && !required.has(id)) {
          res.status = "n/a";
          res.message = `not required for pattern ${r.pattern} (${o.message})`;
        }
        if (res.status === "fail" && this.exceptions.length > 0) {
          const m = findException(this.exceptions, id, w.selectable, this.now);
          if (m.active) {
            res.status = "waived";
            res.exception = { ...m.active };
          } else if (m.expired) {
            res.expiredException = { ...m.expired };
            expiredExceptions++;
          }
        }
        summaryControls[id][res.status]++;
        controls[id] = res;
      }
      workloads.push({ ...r, pssLevel, controls });
    }
    workloads.sort(compareWorkloads);
    const policyResults = this.vap.apply(workloads, summaryControls, this.exceptions, this.now, (o) =>
      categorise(this.options.config, o, {}),
    );

    const namespaces: NamespaceSummary[] = [...nsIndex.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([name, idx]) => ({
        name,
        networkPolicies: idx.networkPolicies.length,
        defaultDenyIngress: idx.networkPolicies.some((n) => n.denyAllIngress),
        defaultDenyEgress: idx.networkPolicies.some((n) => n.denyAllEgress),
        pdbs: idx.pdbs.length,
      }));

    const objects: Record<string, number> = {};
    for (const k of [...this.objects.keys()].sort()) objects[k] = this.objects.get(k) ?? 0;
    const sortedPatterns: Record<string, number> = {};
    for (const k of Object.keys(patternCounts).sort()) sortedPatterns[k] = patternCounts[k];

    return {
      schemaVersion: SCHEMA_VERSION,
      scanner: { name: "rampart", version: SCANNER_VERSION },
      generatedAt: (this.options.generatedAt ?? this.now).toISOString(),
      workloads,
      namespaces,
      objects,
      errors: [...this.errors].sort(byIssue),
      notes: [...this.notes].sort(byIssue),
      ...policyResults,
      summary: {
        workloads: workloads.length,
        controls: summaryControls,
        pssLevels,
        patterns: sortedPatterns,
        expiredExceptions,
      },
    };
  }
}

/** Scans in-memory files (e.g. uploads). Coverage is computed across all of them. */
export function scanFiles(files: readonly ScanFile[], options: ScanOptions = {}): ScanResult {
  const s = new Scanner(options);
  for (const f of files) s.addFile(f.path, f.content);
  return s.finish();
}
