/** Pod-spec helpers shared by the controls: effective security settings with pod/container precedence. */
import type { PodSecurityContext, SecurityContext } from "kubernetes-types/core/v1";
import type { ContainerOutcome, ContainerView, ControlOutcome, EvalContext } from "./types.ts";
import { arr, isObj, obj, str, strs } from "./util.ts";

export function capabilities(sc: SecurityContext): { add: string[]; drop: string[] } {
  const caps = obj(sc.capabilities);
  return { add: strs(caps.add), drop: strs(caps.drop) };
}

/** Container-level value wins over the pod-level one. */
export function effectiveRunAsNonRoot(ctx: EvalContext, c: ContainerView): boolean | undefined {
  const v = c.sc.runAsNonRoot ?? ctx.podSc.runAsNonRoot;
  return typeof v === "boolean" ? v : undefined;
}

export function effectiveRunAsUser(ctx: EvalContext, c: ContainerView): number | undefined {
  const v = c.sc.runAsUser ?? ctx.podSc.runAsUser;
  return typeof v === "number" ? v : undefined;
}

export function seccompType(v: unknown): string | undefined {
  return isObj(v) ? str(v.type) : undefined;
}

export function effectiveSeccomp(ctx: EvalContext, c: ContainerView): string | undefined {
  return seccompType(c.sc.seccompProfile) ?? seccompType(ctx.podSc.seccompProfile);
}

export function podSc(v: unknown): PodSecurityContext {
  return obj(v) as PodSecurityContext;
}

export function pass(message = ""): ControlOutcome {
  return { status: "pass", message, containers: [] };
}
export function fail(message: string): ControlOutcome {
  return { status: "fail", message, containers: [] };
}
export function notApplicable(message: string): ControlOutcome {
  return { status: "n/a", message, containers: [] };
}

export type ContainerCheck = (c: ContainerView) => string | null | undefined;

/**
 * Runs `check` on every container (init and ephemeral included); `check` returns a failure
 * message or null. The control fails when any container fails.
 */
export function perContainer(ctx: EvalContext, check: ContainerCheck, passMessage = ""): ControlOutcome {
  const containers: ContainerOutcome[] = [];
  const failed: string[] = [];
  for (const c of ctx.containers) {
    const msg = check(c);
    if (msg) {
      containers.push({ name: c.name, status: "fail", message: msg });
      failed.push(`${c.name}: ${msg}`);
    } else {
      containers.push({ name: c.name, status: "pass", message: "" });
    }
  }
  if (failed.length > 0) return { status: "fail", message: failed.join("; "), containers };
  return { status: "pass", message: passMessage, containers };
}

/** Combines pod-level problems with a per-container check. */
export function podAndContainers(
  ctx: EvalContext,
  podProblems: string[],
  check: ContainerCheck,
  passMessage = "",
): ControlOutcome {
  const r = perContainer(ctx, check, passMessage);
  if (podProblems.length === 0) return r;
  const msg = podProblems.join("; ") + (r.status === "fail" ? `; ${r.message}` : "");
  return { status: "fail", message: msg, containers: r.containers };
}

/** All handlers (probes and lifecycle hooks) of a container, with a label for messages. */
export function handlers(c: ContainerView): { where: string; handler: Record<string, unknown> }[] {
  const out: { where: string; handler: Record<string, unknown> }[] = [];
  const spec = c.spec as unknown as Record<string, unknown>;
  for (const p of ["livenessProbe", "readinessProbe", "startupProbe"]) {
    if (isObj(spec[p])) out.push({ where: p, handler: spec[p] as Record<string, unknown> });
  }
  const lc = obj(spec.lifecycle);
  for (const h of ["postStart", "preStop"]) {
    if (isObj(lc[h])) out.push({ where: `lifecycle.${h}`, handler: lc[h] as Record<string, unknown> });
  }
  return out;
}

export function volumes(ctx: EvalContext): Record<string, unknown>[] {
  return arr(ctx.spec.volumes).filter(isObj);
}

export function list(items: string[]): string {
  return items.join(", ");
}
