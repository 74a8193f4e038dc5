/**
 * ValidatingAdmissionPolicy evaluation as the API server applies it to a CREATE of each scanned
 * object: matchConstraints and the binding's matchResources (rules, namespaceSelector against the
 * scan's Namespace objects, objectSelector), paramRef resolution, matchConditions, variables,
 * validations with message/messageExpression/reason, auditAnnotations, and failurePolicy for errors.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import {
  CostBudget,
  RUNTIME_CEL_COST_BUDGET,
  RUNTIME_CEL_COST_BUDGET_MATCH_CONDITIONS,
} from "../cel/cost.ts";
import { CelCompileError, compile, type Program } from "../cel/env.ts";
import { toCel } from "../cel/values.ts";
import { matchesSelector } from "../selector.ts";
import type { Obj } from "../util.ts";
import type {
  Binding,
  MatchResources,
  Policy,
  ResourceRule,
  Validation,
  ValidationAction,
} from "./policy.ts";
import { CLUSTER_SCOPED, groupVersion, resourceOf } from "./resources.ts";

export interface VapObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** "" for cluster-scoped objects. */
  namespace: string;
  labels: Record<string, string>;
  raw: Obj;
}

export interface VapOutcome {
  status: "pass" | "fail" | "n/a";
  message: string;
  validationActions?: ValidationAction[];
  /** Why the policy could not be evaluated offline (e.g. it asks the authorizer). */
  notEvaluated?: string;
  reason?: string;
  /** `<policy>/<key>` → value of each auditAnnotation whose valueExpression gave a string (not null). */
  auditAnnotations?: Record<string, string>;
}

const AUTHORIZER = /\bauthorizer\b/;
const NS_NAME_LABEL = "kubernetes.io/metadata.name";

/** What the match rules read of an object, worked out once per object and scan. */
interface Facts {
  group: string;
  version: string;
  resource: string;
  cluster: boolean;
  /** The labels a namespaceSelector sees; undefined for cluster-scoped objects other than Namespaces. */
  nsLabels: Record<string, string> | undefined;
}

function factsOf(o: VapObject, namespaces: ReadonlyMap<string, VapObject>): Facts {
  const { group, version } = groupVersion(o.apiVersion);
  let nsLabels: Record<string, string> | undefined;
  if (o.kind === "Namespace" && o.apiVersion === "v1") nsLabels = { [NS_NAME_LABEL]: o.name, ...o.labels };
  // The API server labels every namespace with its name; one not in the scan has no other labels.
  else if (o.namespace) nsLabels = { [NS_NAME_LABEL]: o.namespace, ...namespaces.get(o.namespace)?.labels };
  return { group, version, resource: resourceOf(o.kind), cluster: CLUSTER_SCOPED.has(o.kind), nsLabels };
}

const anyOf = (list: string[], v: string) => list.includes("*") || list.includes(v);

function ruleMatches(rule: ResourceRule, o: VapObject, f: Facts): boolean {
  return (
    anyOf(rule.operations, "CREATE") &&
    anyOf(rule.apiGroups, f.group) &&
    anyOf(rule.apiVersions, f.version) &&
    (rule.resources.includes("*/*") || anyOf(rule.resources, f.resource)) &&
    (rule.resourceNames.length === 0 || rule.resourceNames.includes(o.name)) &&
    (rule.scope === "*" || rule.scope === (f.cluster ? "Cluster" : "Namespaced"))
  );
}

function matches(m: MatchResources, o: VapObject, f: Facts, requireRules: boolean): boolean {
  if ((requireRules || m.resourceRules.length > 0) && !m.resourceRules.some((r) => ruleMatches(r, o, f)))
    return false;
  if (m.excludeResourceRules.some((r) => ruleMatches(r, o, f))) return false;
  // Cluster-scoped objects other than Namespaces are never skipped by a namespaceSelector.
  if (f.nsLabels && !matchesSelector(m.namespaceSelector as LabelSelector, f.nsLabels)) return false;
  return matchesSelector(m.objectSelector as LabelSelector, o.labels);
}

class PolicyEvalError extends Error {}

/** An expression compiled once per policy and scan; a compile error surfaces when it is evaluated. */
interface Compiled {
  expression: string;
  program: Program | CelCompileError;
}

interface CompiledPolicy {
  matchConditions: (Compiled & { name: string })[];
  variables: (Compiled & { name: string })[];
  validations: { validation: Validation; check: Compiled; message?: Compiled }[];
  auditAnnotations: (Compiled & { key: string })[];
  asksAuthorizer: boolean;
}

function compiled(expression: string): Compiled {
  try {
    return { expression, program: compile(expression) };
  } catch (e) {
    if (!(e instanceof CelCompileError)) throw e;
    return { expression, program: e };
  }
}

function compilePolicy(p: Policy): CompiledPolicy {
  return {
    matchConditions: p.matchConditions.map((m) => ({ ...compiled(m.expression), name: m.name })),
    variables: p.variables.map((v) => ({ ...compiled(v.expression), name: v.name })),
    validations: p.validations.map((v) => ({
      validation: v,
      check: compiled(v.expression),
      message: v.messageExpression ? compiled(v.messageExpression) : undefined,
    })),
    auditAnnotations: p.auditAnnotations.map((a) => ({
      ...compiled(a.valueExpression),
      key: `${p.name}/${a.key}`,
    })),
    asksAuthorizer: [
      ...p.matchConditions.map((m) => m.expression),
      ...p.variables.map((v) => v.expression),
      ...p.validations.flatMap((v) => [v.expression, v.messageExpression ?? ""]),
      ...p.auditAnnotations.map((a) => a.valueExpression),
    ].some((e) => AUTHORIZER.test(e)),
  };
}

function run(c: Compiled, vars: Record<string, unknown>, budget: CostBudget, what: string): unknown {
  try {
    if (c.program instanceof CelCompileError) throw c.program;
    return c.program(vars, budget);
  } catch (e) {
    throw new PolicyEvalError(
      `${what} ${JSON.stringify(c.expression)} resulted in error: ${(e as Error).message}`,
    );
  }
}

/**
 * `variables.<name>` as the API server composes them: each evaluated when first read (and only then
 * charged to the evaluation's budget), its value or error kept for the other expressions. A Map,
 * because CEL reads a Map's entries one by one (a plain object would be copied whole).
 */
const NO_VARIABLES = new Map<string, unknown>();

class LazyVariables extends Map<string, unknown> {
  private readonly done = new Map<string, { value: unknown } | { error: Error }>();

  constructor(
    private readonly list: CompiledPolicy["variables"],
    private readonly vars: Record<string, unknown>,
    private readonly budget: CostBudget,
  ) {
    super();
    for (const v of list) super.set(v.name, null);
  }

  override get(name: string): unknown {
    if (!super.has(name)) return undefined;
    const v = this.list.find((x) => x.name === name) as CompiledPolicy["variables"][number];
    let d = this.done.get(name);
    if (!d) {
      // Read again before it has a value: a cycle, which the API server refuses when the policy is created.
      this.done.set(name, { error: new Error(`variable ${name} refers to itself`) });
      try {
        d = { value: run(v, this.vars, this.budget, `variable ${v.name}:`) };
      } catch (e) {
        d = { error: e as Error };
      }
      this.done.set(name, d);
    }
    if ("error" in d) throw d.error;
    return d.value;
  }
}

/** An object's CEL inputs, converted once per object and scan. */
interface ObjectVars {
  object: unknown;
  namespaceObject: unknown;
  request: unknown;
}

/** The outcome of one binding with one parameter object (or none). */
function evaluateOnce(p: CompiledPolicy, input: ObjectVars, params: unknown): VapOutcome {
  const vars: Record<string, unknown> = {
    object: input.object,
    oldObject: null,
    params,
    namespaceObject: input.namespaceObject,
    request: input.request,
    variables: NO_VARIABLES,
  };
  const matchBudget = p.matchConditions.length
    ? new CostBudget(RUNTIME_CEL_COST_BUDGET_MATCH_CONDITIONS)
    : null;
  for (const m of p.matchConditions)
    if (run(m, vars, matchBudget as CostBudget, `matchCondition ${m.name}:`) !== true)
      return { status: "n/a", message: `matchCondition ${m.name} is false` };
  // One budget for the variables, validations, messageExpressions and audit annotations of this evaluation.
  const budget = new CostBudget(RUNTIME_CEL_COST_BUDGET);
  if (p.variables.length) vars.variables = new LazyVariables(p.variables, vars, budget);
  const outcome = validate(p, vars, budget);
  // As the API server: audit annotations are evaluated whatever the validations said, on the same budget.
  const annotations: Record<string, string> = {};
  for (const a of p.auditAnnotations) {
    const value = run(a, vars, budget, `auditAnnotation ${a.key}: valueExpression`);
    if (value === null) continue;
    if (typeof value !== "string")
      throw new PolicyEvalError(
        `auditAnnotation ${a.key}: valueExpression ${JSON.stringify(a.expression)} must return a string or null, not ${typeof value}`,
      );
    annotations[a.key] = value;
  }
  return Object.keys(annotations).length ? { ...outcome, auditAnnotations: annotations } : outcome;
}

function validate(p: CompiledPolicy, vars: Record<string, unknown>, budget: CostBudget): VapOutcome {
  for (const { validation: v, check, message: messageExpression } of p.validations) {
    const ok = run(check, vars, budget, "expression");
    if (ok === true) continue;
    if (ok !== false)
      throw new PolicyEvalError(
        `expression ${JSON.stringify(v.expression)} must return a bool, not ${typeof ok}`,
      );
    let message = v.message ?? `failed expression: ${v.expression}`;
    if (messageExpression) {
      try {
        const m = run(messageExpression, vars, budget, "messageExpression");
        if (typeof m === "string" && m.trim() !== "" && !m.includes("\n")) message = m;
      } catch {
        // As the API server does: a failing messageExpression falls back to message.
      }
    }
    return { status: "fail", message, reason: v.reason };
  }
  return { status: "pass", message: `passes ${p.validations.length} validation(s)` };
}

const kindKey = (apiVersion: string, kind: string, namespace: string) =>
  `${apiVersion}\u0000${kind}\u0000${namespace}`;

export interface PolicyInputs {
  policies: readonly Policy[];
  bindings: readonly Binding[];
  /** Every scanned object (parameters, Namespaces, and objects to check). */
  objects: readonly VapObject[];
}

export class PolicyEvaluator {
  private readonly namespaces = new Map<string, VapObject>();
  private readonly bindingsByPolicy = new Map<string, Binding[]>();
  private readonly cel = new WeakMap<VapObject, unknown>();
  private readonly objectVars = new WeakMap<VapObject, ObjectVars>();
  private readonly facts = new WeakMap<VapObject, Facts>();
  /** Objects by apiVersion, kind and namespace, to resolve paramRefs without a pass over every object. */
  private readonly byKind = new Map<string, VapObject[]>();
  /** Each policy's expressions, compiled once for this evaluator (one scan), by policy hash. */
  private readonly compiled = new Map<string, CompiledPolicy>();

  constructor(inputs: PolicyInputs) {
    for (const o of inputs.objects) {
      if (o.kind === "Namespace" && o.apiVersion === "v1") this.namespaces.set(o.name, o);
      const key = kindKey(o.apiVersion, o.kind, o.namespace);
      const list = this.byKind.get(key);
      if (list) list.push(o);
      else this.byKind.set(key, [o]);
    }
    for (const b of inputs.bindings)
      this.bindingsByPolicy.set(b.policyName, [...(this.bindingsByPolicy.get(b.policyName) ?? []), b]);
  }

  /** The bindings of a policy (a policy with none is not evaluated: see PolicyCollector.apply). */
  bindingsOf(p: Policy): Binding[] {
    return this.bindingsByPolicy.get(p.name) ?? [];
  }

  private params(p: Policy, b: Binding, o: VapObject): VapObject[] | string {
    const kind = p.paramKind;
    if (!kind) return [];
    const ref = b.paramRef;
    if (!ref) return `binding ${b.name} sets no paramRef but policy ${p.name} has paramKind ${kind.kind}`;
    const namespace = ref.namespace ?? (CLUSTER_SCOPED.has(kind.kind) ? "" : o.namespace);
    return (this.byKind.get(kindKey(kind.apiVersion, kind.kind, namespace)) ?? []).filter((x) =>
      ref.name !== undefined ? x.name === ref.name : matchesSelector(ref.selector ?? {}, x.labels),
    );
  }

  private factsOf(o: VapObject): Facts {
    let f = this.facts.get(o);
    if (!f) {
      f = factsOf(o, this.namespaces);
      this.facts.set(o, f);
    }
    return f;
  }

  private varsOf(o: VapObject): ObjectVars {
    let v = this.objectVars.get(o);
    if (!v) {
      const { group, version, resource } = this.factsOf(o);
      const ns = o.namespace ? this.namespaces.get(o.namespace) : undefined;
      v = {
        object: this.celObject(o),
        namespaceObject: ns ? this.celObject(ns) : null,
        request: toCel({
          operation: "CREATE",
          kind: { group, version, kind: o.kind },
          resource: { group, version, resource },
          name: o.name,
          namespace: o.namespace,
          userInfo: { username: "", groups: [] },
          dryRun: false,
        }),
      };
      this.objectVars.set(o, v);
    }
    return v;
  }

  private celObject(o: VapObject): unknown {
    let c = this.cel.get(o);
    if (c === undefined) {
      c = toCel(o.raw);
      this.cel.set(o, c);
    }
    return c;
  }

  private compiledPolicy(p: Policy): CompiledPolicy {
    let c = this.compiled.get(p.hash);
    if (!c) {
      c = compilePolicy(p);
      this.compiled.set(p.hash, c);
    }
    return c;
  }

  evaluate(p: Policy, o: VapObject): VapOutcome {
    const f = this.factsOf(o);
    if (!matches(p.matchConstraints, o, f, true))
      return { status: "n/a", message: "not matched by spec.matchConstraints" };
    const outcomes: VapOutcome[] = [];
    for (const b of this.bindingsOf(p)) {
      if (b.matchResources && !matches(b.matchResources, o, f, false)) continue;
      if (this.compiledPolicy(p).asksAuthorizer) {
        const why = "not evaluated: the policy asks the authorizer, which needs the API server's RBAC";
        return { status: "n/a", message: why, notEvaluated: why, validationActions: b.validationActions };
      }
      outcomes.push({ ...this.evaluateBinding(p, b, o), validationActions: b.validationActions });
    }
    if (outcomes.length === 1)
      return { ...outcomes[0], validationActions: [...(outcomes[0].validationActions ?? [])].sort() };
    const fails = outcomes.filter((x) => x.status === "fail");
    const pick = fails.length ? fails : outcomes.filter((x) => x.status === "pass");
    if (!pick.length)
      return outcomes[0] ?? { status: "n/a", message: "not matched by any binding's matchResources" };
    const actions = [...new Set(pick.flatMap((x) => x.validationActions ?? []))].sort() as ValidationAction[];
    const message = [...new Set(pick.map((x) => x.message))].join("; ");
    return { ...pick[0], message, validationActions: actions };
  }

  private evaluateBinding(p: Policy, b: Binding, o: VapObject): VapOutcome {
    const onError = (message: string): VapOutcome =>
      p.failurePolicy === "Fail"
        ? { status: "fail", message, reason: "InternalError" }
        : { status: "n/a", message: `${message} (ignored: failurePolicy Ignore)` };
    const params = this.params(p, b, o);
    if (typeof params === "string") return onError(params);
    if (p.paramKind && params.length === 0)
      return b.paramRef?.parameterNotFoundAction === "Allow"
        ? {
            status: "n/a",
            message: `no ${p.paramKind.kind} parameter found for binding ${b.name} (parameterNotFoundAction Allow)`,
          }
        : {
            status: "fail",
            message: `no params found for policy binding with \`Deny\` parameterNotFoundAction`,
            reason: "Invalid",
          };
    const input = this.varsOf(o);
    const compiledPolicy = this.compiledPolicy(p);
    const results: VapOutcome[] = [];
    for (const param of p.paramKind ? params : [null]) {
      try {
        results.push(evaluateOnce(compiledPolicy, input, param === null ? null : this.celObject(param)));
      } catch (e) {
        if (!(e instanceof PolicyEvalError)) throw e;
        results.push(onError(e.message));
      }
    }
    return results.find((r) => r.status === "fail") ?? results.find((r) => r.status === "pass") ?? results[0];
  }
}
