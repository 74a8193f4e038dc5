/**
 * ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding (admissionregistration.k8s.io/v1)
 * read from parsed objects, with defaults applied as the API server applies them. A malformed
 * policy is reported by field name instead of being evaluated half-understood.
 */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { CelCompileError, compile } from "../cel/env.ts";
import { isObj, type Obj, obj, objs, str, strs } from "../util.ts";
import { textHash } from "./hash.ts";

export const VAP_GROUP = "admissionregistration.k8s.io";
export type ValidationAction = "Deny" | "Warn" | "Audit";
const ACTIONS: readonly string[] = ["Deny", "Warn", "Audit"];

export interface ResourceRule {
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  operations: string[];
  resourceNames: string[];
  scope: string;
}

export interface MatchResources {
  resourceRules: ResourceRule[];
  excludeResourceRules: ResourceRule[];
  namespaceSelector: LabelSelector;
  objectSelector: LabelSelector;
}

export interface NamedExpression {
  name: string;
  expression: string;
}

export interface Validation {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason: string;
}

/** An audit annotation: `valueExpression` gives the value (a string, or null for none) of `<policy>/<key>`. */
export interface AuditAnnotation {
  key: string;
  valueExpression: string;
}

export interface Policy {
  name: string;
  source: string;
  hash: string;
  failurePolicy: "Fail" | "Ignore";
  paramKind?: { apiVersion: string; kind: string };
  matchConstraints: MatchResources;
  matchConditions: NamedExpression[];
  variables: NamedExpression[];
  validations: Validation[];
  auditAnnotations: AuditAnnotation[];
}

export interface ParamRef {
  name?: string;
  namespace?: string;
  selector?: LabelSelector;
  parameterNotFoundAction: "Allow" | "Deny";
}

export interface Binding {
  name: string;
  policyName: string;
  validationActions: ValidationAction[];
  paramRef?: ParamRef;
  matchResources?: MatchResources;
}

export class PolicyError extends Error {}

/** JSON with sorted keys: the policy hash must not change when YAML keys are reordered. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

function rules(list: unknown): ResourceRule[] {
  return objs(list).map((r) => ({
    apiGroups: strs(r.apiGroups),
    apiVersions: strs(r.apiVersions),
    resources: strs(r.resources),
    operations: strs(r.operations),
    resourceNames: strs(r.resourceNames),
    scope: str(r.scope) ?? "*",
  }));
}

function matchResources(o: Obj): MatchResources {
  return {
    resourceRules: rules(o.resourceRules),
    excludeResourceRules: rules(o.excludeResourceRules),
    namespaceSelector: obj(o.namespaceSelector) as LabelSelector,
    objectSelector: obj(o.objectSelector) as LabelSelector,
  };
}

function named(list: unknown, field: string): NamedExpression[] {
  return objs(list).map((e, i) => {
    const expression = str(e.expression);
    if (!expression) throw new PolicyError(`${field}[${i}].expression is required`);
    return { name: str(e.name) ?? String(i), expression };
  });
}

const OPTIONAL_SYNTAX = /\.\?[A-Za-z_]|\[\?/;

/**
 * Refuses an expression that does not compile, as the API server refuses such a policy when it is created (a
 * policy is never half-evaluated). The optional field syntax (`.?field`, `[?key]`) is named: the CEL parser
 * Rampart uses (@bufbuild/cel 0.6.1) has no option for it.
 */
function mustCompile(field: string, expression: string): void {
  try {
    compile(expression);
  } catch (e) {
    if (!(e instanceof CelCompileError)) throw e;
    const hint = OPTIONAL_SYNTAX.test(expression)
      ? " (the optional field syntax .?field / [?key] is not supported by Rampart's CEL parser: rewrite it with has())"
      : "";
    throw new PolicyError(`${field} ${JSON.stringify(expression)} does not compile: ${e.message}${hint}`);
  }
}

export function readPolicy(o: Obj, source: string): Policy {
  const name = str(obj(o.metadata).name);
  if (!name) throw new PolicyError("metadata.name is required");
  const spec = obj(o.spec);
  const fp = str(spec.failurePolicy) ?? "Fail";
  if (fp !== "Fail" && fp !== "Ignore")
    throw new PolicyError(`spec.failurePolicy must be Fail or Ignore, not ${JSON.stringify(fp)}`);
  if (!isObj(spec.matchConstraints)) throw new PolicyError("spec.matchConstraints is required");
  const validations = objs(spec.validations).map((v, i) => {
    const expression = str(v.expression);
    if (!expression) throw new PolicyError(`spec.validations[${i}].expression is required`);
    return {
      expression,
      message: str(v.message),
      messageExpression: str(v.messageExpression),
      reason: str(v.reason) ?? "Invalid",
    };
  });
  const auditAnnotations = objs(spec.auditAnnotations).map((a, i) => {
    const key = str(a.key);
    const valueExpression = str(a.valueExpression);
    if (!key) throw new PolicyError(`spec.auditAnnotations[${i}].key is required`);
    if (!valueExpression) throw new PolicyError(`spec.auditAnnotations[${i}].valueExpression is required`);
    return { key, valueExpression };
  });
  if (validations.length === 0 && auditAnnotations.length === 0)
    throw new PolicyError("spec.validations or spec.auditAnnotations must hold at least one entry");
  const matchConditions = named(spec.matchConditions, "spec.matchConditions");
  const variables = named(spec.variables, "spec.variables");
  const expressions: (readonly [string, string | undefined])[] = [
    ...matchConditions.map((m, i) => [`spec.matchConditions[${i}].expression`, m.expression] as const),
    ...variables.map((v, i) => [`spec.variables[${i}].expression`, v.expression] as const),
    ...validations.flatMap((v, i) => [
      [`spec.validations[${i}].expression`, v.expression] as const,
      [`spec.validations[${i}].messageExpression`, v.messageExpression] as const,
    ]),
    ...auditAnnotations.map(
      (a, i) => [`spec.auditAnnotations[${i}].valueExpression`, a.valueExpression] as const,
    ),
  ];
  for (const [field, expression] of expressions) if (expression) mustCompile(field, expression);
  const pk = obj(spec.paramKind);
  return {
    name,
    source,
    hash: textHash(stable(spec)),
    failurePolicy: fp,
    paramKind: str(pk.kind)
      ? { apiVersion: str(pk.apiVersion) ?? "v1", kind: str(pk.kind) as string }
      : undefined,
    matchConstraints: matchResources(spec.matchConstraints as Obj),
    matchConditions,
    variables,
    validations,
    auditAnnotations,
  };
}

export function readBinding(o: Obj): Binding {
  const name = str(obj(o.metadata).name);
  if (!name) throw new PolicyError("metadata.name is required");
  const spec = obj(o.spec);
  const policyName = str(spec.policyName);
  if (!policyName) throw new PolicyError("spec.policyName is required");
  const actions = strs(spec.validationActions);
  if (actions.length === 0)
    throw new PolicyError("spec.validationActions must hold at least one of Deny, Warn, Audit");
  const bad = actions.find((a) => !ACTIONS.includes(a));
  if (bad)
    throw new PolicyError(
      `spec.validationActions: unknown action ${JSON.stringify(bad)} (Deny, Warn or Audit)`,
    );
  const pr = isObj(spec.paramRef) ? spec.paramRef : undefined;
  const pnf = str(pr?.parameterNotFoundAction) ?? "Deny";
  if (pnf !== "Allow" && pnf !== "Deny")
    throw new PolicyError(
      `spec.paramRef.parameterNotFoundAction must be Allow or Deny, not ${JSON.stringify(pnf)}`,
    );
  return {
    name,
    policyName,
    validationActions: actions as ValidationAction[],
    paramRef: pr && {
      name: str(pr.name),
      namespace: str(pr.namespace),
      selector: isObj(pr.selector) ? (pr.selector as LabelSelector) : undefined,
      parameterNotFoundAction: pnf,
    },
    matchResources: isObj(spec.matchResources) ? matchResources(spec.matchResources) : undefined,
  };
}
