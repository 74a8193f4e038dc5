/**
 * One object, several pod templates (a Kubeflow job's Master and Worker, an Argo Workflow's steps): the
 * object is one component, so its templates are merged into one pod view that fails wherever any of
 * them fails. Containers are named `<template>/<container>`; each template's pod-level security
 * settings are folded into its containers (container values win, as in Kubernetes); pod-level-only
 * settings are combined (host namespaces if any template uses them, volumes and sysctls of all).
 */
import type { FoundTemplate } from "./workload-registry.ts";
import { type Obj, obj, objs } from "./util.ts";

/** Pod securityContext fields that containers also have: folding them keeps their meaning. */
const SHARED_SC_FIELDS = [
  "runAsUser",
  "runAsGroup",
  "runAsNonRoot",
  "seLinuxOptions",
  "seccompProfile",
  "appArmorProfile",
  "windowsOptions",
] as const;

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;

function fold(t: FoundTemplate): Record<(typeof CONTAINER_LISTS)[number], Obj[]> {
  const podSc = obj(t.spec.securityContext);
  const inherited: Obj = {};
  for (const k of SHARED_SC_FIELDS) if (podSc[k] !== undefined) inherited[k] = podSc[k];
  const rename = (c: Obj, i: number, list: string): Obj => ({
    ...c,
    name: `${t.label}/${typeof c.name === "string" ? c.name : `${list}-${i}`}`,
    securityContext: { ...inherited, ...obj(c.securityContext) },
  });
  return {
    containers: objs(t.spec.containers).map((c, i) => rename(c, i, "container")),
    initContainers: objs(t.spec.initContainers).map((c, i) => rename(c, i, "init")),
    ephemeralContainers: objs(t.spec.ephemeralContainers).map((c, i) => rename(c, i, "ephemeral")),
  };
}

/** Labels every template's pods carry (what a selector can rely on for all pods of the object). */
function commonLabels(templates: readonly FoundTemplate[]): Obj {
  const [first, ...rest] = templates.map((t) => obj(t.metadata.labels));
  const out: Obj = {};
  for (const [k, v] of Object.entries(first ?? {})) if (rest.every((l) => l[k] === v)) out[k] = v;
  return out;
}

export function mergeTemplates(templates: readonly FoundTemplate[]): { metadata: Obj; spec: Obj } {
  if (templates.length === 1) return { metadata: templates[0].metadata, spec: templates[0].spec };
  const spec: Obj = { containers: [], initContainers: [], ephemeralContainers: [], volumes: [] };
  const sysctls: Obj[] = [];
  const podSc: Obj = {};
  const annotations: Obj = {};
  for (const t of templates) {
    const folded = fold(t);
    for (const list of CONTAINER_LISTS) (spec[list] as Obj[]).push(...folded[list]);
    (spec.volumes as Obj[]).push(...objs(t.spec.volumes));
    for (const k of ["hostNetwork", "hostPID", "hostIPC"]) if (t.spec[k] === true) spec[k] = true;
    const sc = obj(t.spec.securityContext);
    sysctls.push(...objs(sc.sysctls));
    for (const [k, v] of Object.entries(sc))
      if (!(SHARED_SC_FIELDS as readonly string[]).includes(k) && k !== "sysctls" && podSc[k] === undefined)
        podSc[k] = v;
    Object.assign(annotations, obj(t.metadata.annotations));
  }
  if (sysctls.length) podSc.sysctls = sysctls;
  spec.securityContext = podSc;
  // Relaxations and exemptions hold only when every pod qualifies.
  if (templates.every((t) => t.spec.hostUsers === false)) spec.hostUsers = false;
  if (templates.every((t) => obj(t.spec.os).name === "windows")) spec.os = { name: "windows" };
  const selectors = templates.map((t) => obj(t.spec.nodeSelector));
  if (selectors.every((s) => s["kubernetes.io/os"] === "windows"))
    spec.nodeSelector = { "kubernetes.io/os": "windows" };
  return { metadata: { labels: commonLabels(templates), annotations }, spec };
}
