/**
 * YAML/JSON values as CEL inputs: CEL has distinct int and double types, and Kubernetes objects hold
 * integers (replicas, ports) that policies compare with int literals, so whole numbers become bigint.
 */
export function toCel(v: unknown): unknown {
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCel);
  if (v !== null && typeof v === "object") {
    if (v instanceof Date) return v.toISOString();
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toCel(x);
    return out;
  }
  return v;
}
