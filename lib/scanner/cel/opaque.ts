/**
 * Kubernetes CEL library types (Quantity, URL, IP, CIDR, Semver, Format, optional) as CEL values.
 * @bufbuild/cel only carries scalars, lists, maps and protobuf messages, so each is a map with a type
 * tag and ONE canonical string: CEL's map equality then gives the library's own equality
 * (`quantity('1k') == quantity('1000')`), and methods read the tag to refuse the wrong receiver.
 */
import { type CelValue, isCelMap } from "@bufbuild/cel";

const TAG = "#k8s";
const VALUE = "#value";

export type OpaqueKind = "quantity" | "url" | "ip" | "cidr" | "semver" | "format" | "optional";

export function opaque(kind: OpaqueKind, canonical: string): Record<string, string> {
  return { [TAG]: kind, [VALUE]: canonical };
}

/** The canonical string of a library value, or an error naming the expected type. */
export function unwrap(kind: OpaqueKind, v: CelValue | undefined, fn: string): string {
  if (isCelMap(v) && v.get(TAG) === kind) {
    const s = v.get(VALUE);
    if (typeof s === "string") return s;
  }
  throw new Error(`no such overload: ${fn} expects a ${kind}`);
}

export function isOpaque(kind: OpaqueKind, v: CelValue | undefined): boolean {
  return isCelMap(v) && v.get(TAG) === kind;
}
