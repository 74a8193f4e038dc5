/**
 * Scalar types the API server enforces on the pod-spec fields the controls read. `runAsUser: "0"` is a
 * string: the API server rejects the object, so rating it (and reading "0" as "not 0") would be wrong.
 * The scanner reports such a document as an error naming the field instead.
 */
import { arr, isObj, type Obj, obj } from "./util.ts";

type Kind = "integer" | "boolean";
type Fields = readonly (readonly [string, Kind])[];
const fields = (o: Record<string, Kind>): Fields => Object.entries(o);

const POD_FIELDS: Fields = fields({
  hostNetwork: "boolean",
  hostPID: "boolean",
  hostIPC: "boolean",
  hostUsers: "boolean",
  shareProcessNamespace: "boolean",
  automountServiceAccountToken: "boolean",
});
const POD_SC_FIELDS: Fields = fields({
  runAsUser: "integer",
  runAsGroup: "integer",
  fsGroup: "integer",
  runAsNonRoot: "boolean",
});
const CONTAINER_SC_FIELDS: Fields = fields({
  runAsUser: "integer",
  runAsGroup: "integer",
  runAsNonRoot: "boolean",
  privileged: "boolean",
  allowPrivilegeEscalation: "boolean",
  readOnlyRootFilesystem: "boolean",
});
const PORT_FIELDS: Fields = [
  ["containerPort", "integer"],
  ["hostPort", "integer"],
];

function wrongType(value: unknown, kind: Kind): boolean {
  if (value === undefined || value === null) return false;
  return kind === "integer" ? !Number.isInteger(value) : typeof value !== "boolean";
}

function describeValue(value: unknown): string {
  return typeof value === "string"
    ? `the string ${JSON.stringify(value)}`
    : `a ${Array.isArray(value) ? "list" : typeof value}`;
}

function check(o: Obj, list: Fields, at: string, out: string[]): void {
  for (const [k, kind] of list)
    if (wrongType(o[k], kind))
      out.push(
        `${at}${k} must be ${kind === "integer" ? "an integer" : "a boolean"}, not ${describeValue(o[k])}`,
      );
}

/** Type errors in a pod spec found at `path` (e.g. "spec.template.spec"); empty when every field is well typed. */
export function podSpecTypeErrors(spec: Obj, path: string): string[] {
  const out: string[] = [];
  check(spec, POD_FIELDS, `${path}.`, out);
  check(obj(spec.securityContext), POD_SC_FIELDS, `${path}.securityContext.`, out);
  for (const list of ["initContainers", "containers", "ephemeralContainers"]) {
    arr(spec[list]).forEach((c, i) => {
      if (!isObj(c)) return;
      const at = `${path}.${list}[${i}].`;
      check(obj(c.securityContext), CONTAINER_SC_FIELDS, `${at}securityContext.`, out);
      arr(c.ports).forEach((p, j) => {
        if (isObj(p)) check(p, PORT_FIELDS, `${at}ports[${j}].`, out);
      });
    });
  }
  return out;
}

/** `spec.replicas` (and the like) must be a non-negative integer when set. */
export function replicasTypeError(o: Obj): string | undefined {
  const r = obj(o.spec).replicas;
  if (wrongType(r, "integer")) return `spec.replicas must be an integer, not ${describeValue(r)}`;
  return typeof r === "number" && r < 0 ? `spec.replicas must not be negative (${r})` : undefined;
}
