/**
 * YAML/JSON values as CEL inputs: CEL has distinct int and double types, and Kubernetes objects hold
 * integers (replicas, ports) that policies compare with int literals, so whole numbers become bigint.
 * Objects and arrays become CEL maps and lists once, here: @bufbuild/cel copies a plain object into a
 * new map at every field access, which a policy evaluated on thousands of objects would pay each time.
 */
import { celList, celMap } from "@bufbuild/cel";

export function toCel(v: unknown): unknown {
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return celList(v.map(toCel) as never);
  if (v !== null && typeof v === "object") {
    if (v instanceof Date) return v.toISOString();
    const out = new Map<string, unknown>();
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out.set(k, toCel(x));
    return celMap(out as never);
  }
  return v;
}
