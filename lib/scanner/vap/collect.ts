/**
 * Gathers what policy evaluation needs while the scanner reads files (every object, the
 * ValidatingAdmissionPolicies and their bindings, from the scan itself or from extra policy texts
 * such as `--policies DIR` or a program's stored policy set), then turns each policy into a
 * control `vap:<policy-name>` with a result for every scanned object in `apply()`.
 */
import { type ExceptionEntry, findException } from "../exceptions.ts";
import type {
  ControlResult,
  PolicySummary,
  ResourceResult,
  ScanIssue,
  StatusCounts,
  WorkloadResult,
} from "../schema.ts";
import { compareStrings, isObj, type Obj, obj, str, strMap } from "../util.ts";
import { PolicyEvaluator, type VapObject } from "./evaluate.ts";
import { type Binding, type Policy, PolicyError, readBinding, readPolicy, VAP_GROUP } from "./policy.ts";
import { CLUSTER_SCOPED } from "./resources.ts";

/** A policy text from outside the scanned files; `source` labels it in the result (e.g. a path). */
export interface PolicySource {
  source: string;
  content: string;
}

export interface Located extends VapObject {
  file: string;
  document: number;
  line: number;
  /** Objects from the scanned files are checked; those from policy sources only serve as params. */
  target: boolean;
}

export interface CollectedPolicies {
  objects: Located[];
  policies: Policy[];
  bindings: Binding[];
}

export const VAP_CONTROL_PREFIX = "vap:";
/** Why a policy without a binding has no results (policies[].notEvaluated). */
export const UNBOUND = "no binding: not evaluated";
const V1 = `${VAP_GROUP}/v1`;

type Parse = (text: string) => {
  documents: { document: number; line: number; value: unknown }[];
  errors: { document: number; line?: number; message: string }[];
};

export class PolicyCollector {
  private readonly objects: Located[] = [];
  private readonly policies = new Map<string, Policy>();
  private readonly bindings: Binding[] = [];

  constructor(
    private readonly errors: ScanIssue[],
    private readonly notes: ScanIssue[],
  ) {}

  /** Adds extra policy texts (each may hold policies, bindings and parameter objects). */
  addSources(sources: readonly PolicySource[], parse: Parse): void {
    for (const s of sources) {
      const parsed = parse(s.content);
      for (const e of parsed.errors)
        this.errors.push({ file: s.source, document: e.document, line: e.line, message: e.message });
      for (const d of parsed.documents) {
        const items = isObj(d.value) && Array.isArray(d.value.items) ? d.value.items : [d.value];
        for (const v of items)
          if (isObj(v) && str(v.kind) && str(v.apiVersion))
            this.addObject(
              s.source,
              d.document,
              d.line,
              v,
              str(v.kind) as string,
              str(v.apiVersion) as string,
              false,
            );
      }
    }
  }

  addObject(
    file: string,
    document: number,
    line: number,
    o: Obj,
    kind: string,
    apiVersion: string,
    target = true,
  ): void {
    const at = (message: string) => this.errors.push({ file, document, line, message });
    if (
      apiVersion === V1 &&
      (kind === "ValidatingAdmissionPolicy" || kind === "ValidatingAdmissionPolicyBinding")
    ) {
      try {
        if (kind === "ValidatingAdmissionPolicyBinding") this.bindings.push(readBinding(o));
        else {
          const p = readPolicy(o, file);
          const twin = this.policies.get(p.name);
          if (twin && twin.hash !== p.hash)
            at(
              `ValidatingAdmissionPolicy ${p.name} is also defined in ${twin.source} with different text; keeping the first`,
            );
          else if (!twin) this.policies.set(p.name, p);
        }
      } catch (e) {
        if (!(e instanceof PolicyError)) throw e;
        at(`${kind} ${str(obj(o.metadata).name) ?? "(no name)"}: ${e.message}`);
      }
      return;
    }
    const meta = obj(o.metadata);
    const name = str(meta.name) || str(meta.generateName);
    if (!name) return;
    // A namespaced object without metadata.namespace is created in "default" (kubectl apply).
    const namespace = CLUSTER_SCOPED.has(kind) ? "" : str(meta.namespace) || "default";
    const raw = namespace && meta.namespace !== namespace ? { ...o, metadata: { ...meta, namespace } } : o;
    this.objects.push({
      file,
      document,
      line,
      kind,
      apiVersion,
      name,
      namespace,
      labels: strMap(meta.labels),
      raw,
      target,
    });
  }

  /** True once a ValidatingAdmissionPolicy was read: only then does `apply()` need the objects. */
  hasPolicies(): boolean {
    return this.policies.size > 0;
  }

  /** Hands over (and forgets) the objects collected so far, in input order. */
  takeObjects(): Located[] {
    return this.objects.splice(0);
  }

  /** Adds objects taken out earlier (`takeObjects`, or a worker's), in input order. */
  addObjects(objects: readonly Located[]): void {
    for (const o of objects) this.objects.push(o);
  }

  /** Hands over (and forgets) what was collected, for Scanner.takeFileScan (plain, cloneable data). */
  take(): CollectedPolicies {
    const taken = {
      objects: this.objects.splice(0),
      policies: [...this.policies.values()],
      bindings: this.bindings.splice(0),
    };
    this.policies.clear();
    return taken;
  }

  /** Adds what another collector took, in input order (the first definition of a policy name wins). */
  merge(taken: CollectedPolicies): void {
    for (const o of taken.objects) this.objects.push(o);
    for (const b of taken.bindings) this.bindings.push(b);
    for (const p of taken.policies) {
      const twin = this.policies.get(p.name);
      if (twin && twin.hash !== p.hash)
        this.errors.push({
          file: p.source,
          document: 0,
          message: `ValidatingAdmissionPolicy ${p.name} is also defined in ${twin.source} with different text; keeping the first`,
        });
      else if (!twin) this.policies.set(p.name, p);
    }
  }

  /**
   * Evaluates every policy on every scanned object: workload results gain `vap:*` controls, other
   * objects are returned as `resources`. Exceptions apply to `vap:*` controls as to built-in ones.
   */
  apply(
    workloads: WorkloadResult[],
    summary: Record<string, StatusCounts>,
    exceptions: readonly ExceptionEntry[],
    now: Date,
    categoryOf: (o: {
      kind: string;
      namespace: string;
      name: string;
      labels: Record<string, string>;
    }) => string,
  ): { resources?: ResourceResult[]; policies?: PolicySummary[] } {
    if (this.policies.size === 0) return {};
    for (const b of this.bindings)
      if (!this.policies.has(b.policyName))
        this.errors.push({
          file: "",
          document: 0,
          message: `ValidatingAdmissionPolicyBinding ${b.name}: policy ${b.policyName} is not in the scan`,
        });
    const all = [...this.policies.values()].sort((a, b) => compareStrings(a.name, b.name));
    const boundNames = new Set(this.bindings.map((b) => b.policyName));
    // As the API server: a policy no binding references is not enforced, so it is not evaluated.
    const policies = all.filter((p) => boundNames.has(p.name));
    for (const p of all)
      if (!boundNames.has(p.name))
        this.notes.push({
          file: p.source,
          document: 0,
          message: `ValidatingAdmissionPolicy ${p.name}: ${UNBOUND}; add a ValidatingAdmissionPolicyBinding with spec.policyName: ${p.name} to evaluate it`,
        });
    const unbound = all
      .filter((p) => !boundNames.has(p.name))
      .map((p) => ({
        name: p.name,
        source: p.source,
        hash: p.hash,
        validationActions: [],
        bindings: [],
        notEvaluated: UNBOUND,
      }));
    if (policies.length === 0) return { policies: unbound };
    const evaluator = new PolicyEvaluator({ policies, bindings: this.bindings, objects: this.objects });
    const byKey = new Map(
      workloads.map((w) => [`${w.file}#${w.document}/${w.kind}/${w.namespace}/${w.name}`, w]),
    );
    const resources: ResourceResult[] = [];
    for (const p of policies)
      summary[VAP_CONTROL_PREFIX + p.name] = { pass: 0, fail: 0, waived: 0, "n/a": 0 };
    for (const o of this.objects) {
      if (!o.target) continue;
      const workload = byKey.get(`${o.file}#${o.document}/${o.kind}/${o.namespace}/${o.name}`);
      const labels = workload ? { ...workload.podLabels, ...workload.labels } : o.labels;
      const controls: Record<string, ControlResult> = {};
      for (const p of policies) {
        const id = VAP_CONTROL_PREFIX + p.name;
        const out = evaluator.evaluate(p, o);
        const res: ControlResult = { status: out.status, message: out.message, containers: [] };
        if (out.validationActions) res.validationActions = out.validationActions;
        if (out.notEvaluated) res.notEvaluated = out.notEvaluated;
        if (out.reason) res.reason = out.reason;
        if (out.auditAnnotations) res.auditAnnotations = out.auditAnnotations;
        if (res.status === "fail" && exceptions.length) {
          const m = findException(
            exceptions,
            id,
            { kind: o.kind, namespace: o.namespace, name: o.name, labels },
            now,
          );
          if (m.active) {
            res.status = "waived";
            res.exception = { ...m.active };
          } else if (m.expired) res.expiredException = { ...m.expired };
        }
        summary[id][res.status]++;
        controls[id] = res;
      }
      if (workload) Object.assign(workload.controls, controls);
      else {
        const { kind, apiVersion, namespace, name, file, document, line } = o;
        resources.push({
          kind,
          apiVersion,
          namespace,
          name,
          file,
          document,
          line,
          labels: o.labels,
          category: categoryOf(o),
          controls,
        });
      }
    }
    resources.sort(
      (a, b) =>
        compareStrings(a.namespace, b.namespace) ||
        compareStrings(a.kind, b.kind) ||
        compareStrings(a.name, b.name) ||
        compareStrings(a.file, b.file) ||
        a.document - b.document,
    );
    const evaluated: PolicySummary[] = policies.map((p) => {
      const bindings = evaluator.bindingsOf(p);
      return {
        name: p.name,
        source: p.source,
        hash: p.hash,
        validationActions: [...new Set(bindings.flatMap((b) => b.validationActions))].sort(),
        bindings: bindings.map((b) => b.name).sort(),
      };
    });
    return {
      resources,
      policies: [...evaluated, ...unbound].sort((a, b) => compareStrings(a.name, b.name)),
    };
  }
}
