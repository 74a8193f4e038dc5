/**
 * Kind → resource (the plural, lowercase name resourceRules match), as the API server's RESTMapper
 * would answer for built-in kinds. Regular kinds follow the English plural rules the Kubernetes
 * code generators use; the table holds the ones those rules get wrong.
 */
const IRREGULAR: Record<string, string> = {
  Endpoints: "endpoints",
  PodSecurityPolicy: "podsecuritypolicies",
  NetworkPolicy: "networkpolicies",
  Ingress: "ingresses",
  IngressClass: "ingressclasses",
  StorageClass: "storageclasses",
  PriorityClass: "priorityclasses",
  RuntimeClass: "runtimeclasses",
  ResourceClaim: "resourceclaims",
  DeviceClass: "deviceclasses",
  ValidatingAdmissionPolicy: "validatingadmissionpolicies",
  MutatingAdmissionPolicy: "mutatingadmissionpolicies",
  ComponentStatus: "componentstatuses",
};

/** Cluster-scoped built-in kinds (everything else is treated as namespaced). */
export const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "StorageClass",
  "PriorityClass",
  "RuntimeClass",
  "IngressClass",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "APIService",
  "CSIDriver",
  "CSINode",
  "VolumeAttachment",
  "PodSecurityPolicy",
  "ClusterIssuer",
  "CertificateSigningRequest",
]);

export function resourceOf(kind: string): string {
  const irregular = IRREGULAR[kind];
  if (irregular) return irregular;
  const k = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** "apps/v1" → { group: "apps", version: "v1" }; "v1" → core group "". */
export function groupVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  return i < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}
