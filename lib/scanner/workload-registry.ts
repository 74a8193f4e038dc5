/**
 * Where pods live inside Kubernetes objects: the registry of pod-template locations.
 *
 * Core kinds (Deployment, Pod, CronJob…) and common custom resources that embed pod templates (Argo
 * Rollouts and Workflows, Knative Serving, Kubeflow training jobs, KEDA ScaledJob, OpenKruise) each have
 * one handler; `podTemplates` in rampart.yaml adds path-based handlers for anything else. A handler says
 * where the pod templates are (one or several), whether the pods are long-running replicas (the
 * PodDisruptionBudget control applies) and which labels the controller puts on every pod (what
 * NetworkPolicies and PDBs can select). Adding a kind = one entry in BUILT_IN_HANDLERS.
 */
import { isObj, type Obj, obj, objs, str } from "./util.ts";

/** One pod template found in an object: `path` is where it is (for messages), `label` names it among several. */
export interface FoundTemplate {
  label: string;
  path: string;
  metadata: Obj;
  spec: Obj;
}

export interface WorkloadHandler {
  /** API group ("" for the core group). */
  group: string;
  kind: string;
  /** Where the handler comes from: built in, or the project config. */
  source: "built-in" | "config";
  templates(o: Obj): FoundTemplate[];
  /** Long-running replicated pods: the pod-disruption-budget control applies. */
  replicated?: boolean;
  /** Labels the controller adds to every pod of the object (what NetworkPolicies and PDBs select on). */
  controllerLabels?(name: string): Record<string, string>;
  /** Why an object without a pod template is fine (e.g. an Argo Rollout's workloadRef): a note, not an error. */
  noTemplateNote?(o: Obj): string | undefined;
}

export function apiGroup(apiVersion: string): string {
  const i = apiVersion.indexOf("/");
  return i === -1 ? "" : apiVersion.slice(0, i);
}

/** Groups served by Kubernetes itself (their kinds are the core kinds). */
export function isBuiltInGroup(group: string): boolean {
  return !group.includes(".") || group.endsWith(".k8s.io");
}

/**
 * Resolves a dotted path (`spec.template`, `spec.pytorchReplicaSpecs.*.template`, `.` for the object
 * itself); `*` visits every entry of a map or list. A target with a `containers` list is a pod spec (its
 * metadata is the object's); otherwise it is a pod template ({ metadata, spec }).
 */
export function templatesAtPath(o: Obj, path: string): FoundTemplate[] {
  return templatesAt(o, path === "." ? [] : path.split("."));
}

function templatesAt(o: Obj, parts: readonly string[]): FoundTemplate[] {
  const out: FoundTemplate[] = [];
  const visit = (node: unknown, i: number, at: string[], labels: string[]) => {
    if (i === parts.length) {
      if (!isObj(node)) return;
      const where = at.join(".") || ".";
      const label = labels.length ? labels.join("/") : shortLabel(at);
      if (Array.isArray(node.containers))
        out.push({ label, path: where, metadata: obj(o.metadata), spec: node });
      else if (isObj(node.spec))
        out.push({
          label,
          path: `${at.length ? `${where}.` : ""}spec`,
          metadata: obj(node.metadata),
          spec: node.spec,
        });
      return;
    }
    const key = parts[i];
    if (key !== "*") {
      if (isObj(node)) visit(node[key], i + 1, [...at, key], labels);
      return;
    }
    const keys = Array.isArray(node)
      ? node.map((_, j) => String(j))
      : isObj(node)
        ? Object.keys(node).sort()
        : [];
    const children = node as Record<string, unknown>;
    for (const k of keys) visit(children[k], i + 1, [...at, k], [...labels, k]);
  };
  visit(o, 0, [], []);
  return out;
}

/** `spec.launcher.template` → `launcher`: the path without the usual wrapper segments. */
function shortLabel(at: string[]): string {
  const core = at.filter((p) => !["spec", "template", "podSpec", "jobTemplate"].includes(p));
  return core.join(".") || at.join(".") || ".";
}

function atPaths(...paths: string[]): (o: Obj) => FoundTemplate[] {
  const split = paths.map((p) => (p === "." ? [] : p.split(".")));
  if (split.length === 1) return (o) => templatesAt(o, split[0]);
  return (o) => split.flatMap((parts) => templatesAt(o, parts));
}

/**
 * Argo Workflows: every template with a `container`, a `script` or a `containerSet` becomes a pod, with
 * its init containers and sidecars. Workflow-level settings (podMetadata, securityContext, volumes,
 * hostNetwork…) apply to every pod unless the template overrides them.
 */
function argoWorkflowTemplates(spec: Obj, specPath: string): FoundTemplate[] {
  const out: FoundTemplate[] = [];
  const podMeta = obj(spec.podMetadata);
  objs(spec.templates).forEach((t, i) => {
    const main: Obj[] = [];
    if (isObj(t.container)) main.push({ name: "main", ...t.container });
    if (isObj(t.script)) main.push({ name: "main", ...t.script });
    if (isObj(t.containerSet)) main.push(...objs(obj(t.containerSet).containers));
    if (main.length === 0) return; // steps, dag, resource, suspend… run no user container
    const tMeta = obj(t.metadata);
    const podSpec: Obj = {
      containers: [...main, ...objs(t.sidecars)],
      initContainers: objs(t.initContainers),
      volumes: [...objs(spec.volumes), ...objs(t.volumes)],
    };
    for (const k of [
      "securityContext",
      "hostNetwork",
      "automountServiceAccountToken",
      "nodeSelector",
      "affinity",
    ]) {
      const v = t[k] ?? spec[k];
      if (v !== undefined) podSpec[k] = v;
    }
    for (const k of ["hostPID", "hostIPC", "hostUsers", "dnsPolicy", "os"])
      if (spec[k] !== undefined) podSpec[k] = spec[k];
    out.push({
      label: str(t.name) ?? String(i),
      path: `${specPath}.templates.${i}`,
      metadata: {
        labels: { ...obj(podMeta.labels), ...obj(tMeta.labels) },
        annotations: { ...obj(podMeta.annotations), ...obj(tMeta.annotations) },
      },
      spec: podSpec,
    });
  });
  return out;
}

const argoWorkflow = (o: Obj) => argoWorkflowTemplates(obj(o.spec), "spec");
const argoCronWorkflow = (o: Obj) =>
  argoWorkflowTemplates(obj(obj(o.spec).workflowSpec), "spec.workflowSpec");

const TEMPLATE = atPaths("spec.template");

function handler(
  group: string,
  kind: string,
  templates: (o: Obj) => FoundTemplate[],
  extra: Partial<Omit<WorkloadHandler, "group" | "kind" | "templates" | "source">> = {},
): WorkloadHandler {
  return { group, kind, templates, source: "built-in", ...extra };
}

const knative = (key: string) => (name: string) => ({ [`serving.knative.dev/${key}`]: name });
const kubeflowJob = (name: string) => ({ "training.kubeflow.org/job-name": name });

/** Core kinds: matched by kind in any built-in group (apps/v1, extensions/v1beta1, batch/v1beta1…). */
export const CORE_HANDLERS: readonly WorkloadHandler[] = [
  handler("apps", "Deployment", TEMPLATE, { replicated: true }),
  handler("apps", "StatefulSet", TEMPLATE, { replicated: true }),
  handler("apps", "DaemonSet", TEMPLATE),
  handler("apps", "ReplicaSet", TEMPLATE),
  handler("", "ReplicationController", TEMPLATE),
  handler("batch", "Job", TEMPLATE),
  handler("batch", "CronJob", atPaths("spec.jobTemplate.spec.template")),
  handler("", "Pod", atPaths(".")),
];

/** Custom resources with pod templates, matched by group and kind. */
export const CUSTOM_HANDLERS: readonly WorkloadHandler[] = [
  handler("argoproj.io", "Rollout", TEMPLATE, {
    replicated: true,
    noTemplateNote: (o) => {
      const ref = obj(obj(o.spec).workloadRef);
      const name = str(ref.name);
      return name
        ? `uses workloadRef ${str(ref.kind) ?? "Deployment"} ${name}: its pod template is scanned there`
        : undefined;
    },
  }),
  handler("argoproj.io", "Workflow", argoWorkflow, {
    controllerLabels: (name) => ({ "workflows.argoproj.io/workflow": name }),
  }),
  handler("argoproj.io", "WorkflowTemplate", argoWorkflow),
  handler("argoproj.io", "ClusterWorkflowTemplate", argoWorkflow),
  handler("argoproj.io", "CronWorkflow", argoCronWorkflow),
  handler("serving.knative.dev", "Service", TEMPLATE, { controllerLabels: knative("service") }),
  handler("serving.knative.dev", "Configuration", TEMPLATE, { controllerLabels: knative("configuration") }),
  handler("serving.knative.dev", "Revision", atPaths("."), { controllerLabels: knative("revision") }),
  handler("kubeflow.org", "PyTorchJob", atPaths("spec.pytorchReplicaSpecs.*.template"), {
    controllerLabels: kubeflowJob,
  }),
  handler("kubeflow.org", "TFJob", atPaths("spec.tfReplicaSpecs.*.template"), {
    controllerLabels: kubeflowJob,
  }),
  handler("kubeflow.org", "MPIJob", atPaths("spec.mpiReplicaSpecs.*.template"), {
    controllerLabels: kubeflowJob,
  }),
  handler("keda.sh", "ScaledJob", atPaths("spec.jobTargetRef.template")),
  handler("apps.kruise.io", "CloneSet", TEMPLATE, { replicated: true }),
  handler("apps.kruise.io", "StatefulSet", TEMPLATE, { replicated: true }),
  handler("apps.kruise.io", "DaemonSet", TEMPLATE),
];

/** A `podTemplates` entry of rampart.yaml. */
export interface PodTemplateConfig {
  apiVersion: string;
  kind: string;
  paths: string[];
  replicated?: boolean;
}

export class WorkloadRegistry {
  private readonly byGroupKind = new Map<string, WorkloadHandler>();
  private readonly coreByKind = new Map<string, WorkloadHandler>();

  constructor(extra: readonly PodTemplateConfig[] = []) {
    for (const h of CORE_HANDLERS) this.coreByKind.set(h.kind, h);
    for (const h of CUSTOM_HANDLERS) this.add(h);
    for (const c of extra)
      this.add({
        group: apiGroup(c.apiVersion),
        kind: c.kind,
        source: "config",
        templates: atPaths(...c.paths),
        replicated: c.replicated,
      });
  }

  /** Registers (or replaces) the handler of one group and kind. */
  add(h: WorkloadHandler): void {
    this.byGroupKind.set(`${h.group}/${h.kind}`, h);
  }

  find(apiVersion: string, kind: string): WorkloadHandler | undefined {
    const group = apiGroup(apiVersion);
    const h = this.byGroupKind.get(`${group}/${kind}`);
    if (h) return h;
    return isBuiltInGroup(group) ? this.coreByKind.get(kind) : undefined;
  }
}

/** The core kinds: what `objects` counts by kind alone (same-named custom kinds are counted as kind.group). */
export const CORE_KINDS = new Set([
  ...CORE_HANDLERS.map((h) => h.kind),
  "Service",
  "ConfigMap",
  "Secret",
  "Namespace",
  "ServiceAccount",
  "Ingress",
  "NetworkPolicy",
  "PodDisruptionBudget",
  "Role",
  "RoleBinding",
  "ClusterRole",
  "ClusterRoleBinding",
  "PersistentVolumeClaim",
]);

/** The key an object is counted under in `objects`: its kind, or kind.group for a custom kind named like a core one. */
export function objectKey(apiVersion: string, kind: string): string {
  const group = apiGroup(apiVersion);
  return !isBuiltInGroup(group) && CORE_KINDS.has(kind) ? `${kind}.${group}` : kind;
}
