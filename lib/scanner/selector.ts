/** Kubernetes label-selector matching (metav1.LabelSelector semantics). */
import type { LabelSelector } from "kubernetes-types/meta/v1";
import { arr, isObj, strs } from "./util.ts";

/**
 * True when `labels` satisfy every matchLabels entry and every matchExpressions requirement.
 * An empty selector ({}) selects everything. An unknown operator selects nothing.
 */
export function matchesSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  const ml = selector.matchLabels;
  if (isObj(ml)) {
    for (const [k, v] of Object.entries(ml)) {
      if (!Object.hasOwn(labels, k) || labels[k] !== String(v)) return false;
    }
  }
  for (const e of arr(selector.matchExpressions)) {
    if (!isObj(e) || typeof e.key !== "string") return false;
    const has = Object.hasOwn(labels, e.key);
    const values = strs(e.values);
    switch (e.operator) {
      case "In":
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[e.key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Readable form of a selector, e.g. `app=web,tier in (a,b)`; "(all pods)" when empty. */
export function selectorToString(selector: LabelSelector | null): string {
  if (selector === null) return "(no pods)";
  const parts: string[] = [];
  if (isObj(selector.matchLabels)) {
    for (const [k, v] of Object.entries(selector.matchLabels)) parts.push(`${k}=${v}`);
  }
  for (const e of arr(selector.matchExpressions)) {
    if (!isObj(e)) continue;
    const op = String(e.operator);
    if (op === "Exists") parts.push(String(e.key));
    else if (op === "DoesNotExist") parts.push(`!${String(e.key)}`);
    else parts.push(`${String(e.key)} ${op.toLowerCase()} (${strs(e.values).join(",")})`);
  }
  return parts.length ? parts.join(",") : "(all pods)";
}
