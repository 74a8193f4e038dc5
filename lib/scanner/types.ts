import type { Container, PodSecurityContext, PodSpec, SecurityContext } from "kubernetes-types/core/v1";
import type { LabelSelector } from "kubernetes-types/meta/v1";

export type Severity = "critical" | "high" | "medium" | "low";
export type ControlCategory = "hardening" | "pss-baseline" | "pss-restricted" | "coverage";
export type ControlStatus = "pass" | "fail" | "waived" | "n/a";
export type ContainerType = "container" | "init" | "ephemeral";
export type PssLevel = "restricted" | "baseline" | "privileged";
export type PatternId = "app-readonly" | "stateful" | "app-writable" | "node-agent";

/** Cross-references to other tools. Only ids we are confident of are listed. */
export interface ControlMapping {
  pss?: { level: "baseline" | "restricted"; control: string };
  polaris?: string[];
  kubeScore?: string[];
  kubescape?: string[];
  trivy?: string[];
  checkov?: string[];
  /** CIS Kubernetes Benchmark recommendation number (v1.8 numbering). */
  cis?: string;
}

/** One container of a pod template, with its type and (possibly empty) securityContext. */
export interface ContainerView {
  name: string;
  type: ContainerType;
  image: string;
  spec: Container;
  sc: SecurityContext;
}

export interface NetworkPolicyInfo {
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  ingress: boolean;
  egress: boolean;
  /** Empty podSelector, the type is listed and no rules of that type. */
  denyAllIngress: boolean;
  denyAllEgress: boolean;
}

export interface PdbInfo {
  namespace: string;
  name: string;
  /** null: selects nothing. */
  selector: LabelSelector | null;
}

/** What a coverage control sees: the NetworkPolicies and PDBs of the workload's namespace (all files). */
export interface CoverageIndex {
  networkPolicies: NetworkPolicyInfo[];
  pdbs: PdbInfo[];
}

/** Everything a control's evaluate() gets. */
export interface EvalContext {
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
  /** Pod template labels (the labels selectors match). */
  podLabels: Record<string, string>;
  /** Pod template annotations. */
  podAnnotations: Record<string, string>;
  spec: PodSpec;
  podSc: PodSecurityContext;
  containers: ContainerView[];
  /** spec.os.name == windows */
  isWindows: boolean;
  /** Long-running replicated pods (Deployment, StatefulSet, Rollout, CloneSet…): PDBs apply. */
  replicated: boolean;
  /** Only set for coverage controls. */
  coverage?: CoverageIndex;
}

export interface ContainerOutcome {
  name: string;
  status: "pass" | "fail" | "n/a";
  message: string;
}

export interface ControlOutcome {
  status: "pass" | "fail" | "n/a";
  message: string;
  containers: ContainerOutcome[];
}

/** Metadata of a control: JSON-serialisable, synced to the database. */
export interface ControlMeta {
  id: string;
  title: string;
  rationale: string;
  severity: Severity;
  category: ControlCategory;
  mapping: ControlMapping;
  /** YAML snippet showing the fix. */
  remediation: string;
}

export interface ControlDefinition extends ControlMeta {
  evaluate(ctx: EvalContext): ControlOutcome;
}
