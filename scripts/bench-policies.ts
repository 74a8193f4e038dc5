/**
 * Twenty ValidatingAdmissionPolicies with their bindings (and one parameter object) of the kinds teams write:
 * trusted registries, required labels, no :latest, replica limits from params, resource limits, probes, security
 * context, host namespaces; using variables, messageExpression, matchConditions, namespaceSelector and the
 * Kubernetes libraries. For `bench:scanner`: evaluated as vap:* controls over every generated object.
 */
const WORKLOADS = `["apps", "batch"]`;
const RESOURCES = `["deployments", "statefulsets", "daemonsets", "jobs", "cronjobs"]`;

/** The pod spec of any workload kind (a CronJob's is one level deeper). */
const POD_SPEC =
  "object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec";

type Spec = { name: string; validations: string[]; variables?: [string, string][]; extra?: string };

const SPECS: Spec[] = [
  {
    name: "trusted-registry",
    variables: [["containers", `(${POD_SPEC}).containers`]],
    validations: [
      "variables.containers.all(c, c.image.startsWith('registry.example.com/') || c.image.startsWith('harbor.example.com/'))",
    ],
  },
  {
    name: "no-latest-tag",
    validations: [`(${POD_SPEC}).containers.all(c, !c.image.endsWith(':latest') && c.image.contains(':'))`],
  },
  {
    name: "required-labels",
    validations: [
      "has(object.metadata.labels) && 'app' in object.metadata.labels",
      "object.metadata.labels.all(k, k.size() <= 63)",
    ],
  },
  {
    name: "part-of-label",
    variables: [
      [
        "labels",
        `(object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template).metadata.labels`,
      ],
    ],
    validations: ["'app.kubernetes.io/part-of' in variables.labels"],
  },
  {
    name: "cpu-limits",
    validations: [
      `(${POD_SPEC}).containers.all(c, has(c.resources.limits) && 'cpu' in c.resources.limits && c.resources.limits.cpu != '')`,
    ],
  },
  {
    name: "memory-limit-max",
    validations: [
      `(${POD_SPEC}).containers.all(c, !has(c.resources.limits.memory) || quantity(c.resources.limits.memory).compareTo(quantity('4Gi')) <= 0)`,
    ],
  },
  {
    name: "run-as-non-root",
    variables: [["pod", POD_SPEC]],
    validations: [
      "(has(variables.pod.securityContext) && has(variables.pod.securityContext.runAsNonRoot) && variables.pod.securityContext.runAsNonRoot) || variables.pod.containers.all(c, has(c.securityContext.runAsNonRoot) && c.securityContext.runAsNonRoot)",
    ],
  },
  {
    name: "no-privileged",
    validations: [
      `(${POD_SPEC}).containers.all(c, !has(c.securityContext.privileged) || !c.securityContext.privileged)`,
    ],
  },
  {
    name: "drop-all-capabilities",
    validations: [
      `(${POD_SPEC}).containers.all(c, has(c.securityContext.capabilities.drop) && 'ALL' in c.securityContext.capabilities.drop)`,
    ],
  },
  {
    name: "no-host-namespaces",
    variables: [["pod", POD_SPEC]],
    validations: [
      "!has(variables.pod.hostNetwork) || !variables.pod.hostNetwork",
      "!has(variables.pod.hostPID) || !variables.pod.hostPID",
    ],
  },
  {
    name: "no-host-path",
    validations: [`!has((${POD_SPEC}).volumes) || (${POD_SPEC}).volumes.all(v, !has(v.hostPath))`],
  },
  {
    name: "probes",
    validations: [`(${POD_SPEC}).containers.all(c, has(c.livenessProbe) && has(c.readinessProbe))`],
  },
  {
    name: "ports-named",
    validations: [
      `(${POD_SPEC}).containers.all(c, !has(c.ports) || c.ports.all(p, has(p.name) && p.name.matches('^[a-z][a-z0-9-]*$')))`,
    ],
  },
  {
    name: "secret-env-only-from-refs",
    validations: [
      `(${POD_SPEC}).containers.all(c, !has(c.env) || c.env.all(e, !e.name.contains('PASSWORD') || has(e.valueFrom)))`,
    ],
  },
  {
    name: "service-account-set",
    validations: [`has((${POD_SPEC}).serviceAccountName) && (${POD_SPEC}).serviceAccountName != 'default'`],
  },
  {
    name: "image-semver",
    validations: [
      `(${POD_SPEC}).containers.all(c, isSemver(c.image.substring(c.image.lastIndexOf(':') + 1), true))`,
    ],
  },
  {
    name: "name-format",
    validations: ["object.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')"],
    extra: `  matchConditions:
  - name: not-kube-system
    expression: "object.metadata.namespace != 'kube-system'"`,
  },
  {
    name: "read-only-root-fs",
    validations: [
      `(${POD_SPEC}).containers.all(c, has(c.securityContext.readOnlyRootFilesystem) && c.securityContext.readOnlyRootFilesystem)`,
    ],
  },
  {
    name: "seccomp-runtime-default",
    validations: [
      `has((${POD_SPEC}).securityContext.seccompProfile) && (${POD_SPEC}).securityContext.seccompProfile.type in ['RuntimeDefault', 'Localhost']`,
    ],
  },
];

const quoted = (s: string) => JSON.stringify(s);

function policyYaml(s: Spec): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ${s.name}}
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - {apiGroups: ${WORKLOADS}, apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ${RESOURCES}}
${s.extra ? `${s.extra}\n` : ""}${s.variables ? `  variables:\n${s.variables.map(([n, e]) => `  - name: ${n}\n    expression: ${quoted(e)}`).join("\n")}\n` : ""}  validations:
${s.validations.map((e) => `  - expression: ${quoted(e)}\n    messageExpression: ${quoted(`'${s.name} failed for ' + object.metadata.name`)}`).join("\n")}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: ${s.name}-binding}
spec:
  policyName: ${s.name}
  validationActions: [Deny]
`;
}

/** The 20th: a replica limit from a parameter object, bound to the team namespaces only. */
const REPLICA_LIMIT = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replica-limit}
spec:
  paramKind: {apiVersion: rules.example.com/v1, kind: ReplicaLimit}
  matchConstraints:
    resourceRules:
    - {apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["deployments", "statefulsets"]}
  validations:
  - expression: "object.spec.replicas <= params.maxReplicas"
    messageExpression: "'replicas must be no greater than ' + string(params.maxReplicas)"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replica-limit-binding}
spec:
  policyName: replica-limit
  validationActions: [Warn]
  paramRef: {name: replica-limit, namespace: default, parameterNotFoundAction: Deny}
  matchResources:
    namespaceSelector:
      matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system]}]
---
apiVersion: rules.example.com/v1
kind: ReplicaLimit
metadata: {name: replica-limit, namespace: default}
maxReplicas: 5
`;

/** The 20 policies as `scan()`'s `policies` option takes them. */
export function benchPolicies(): { source: string; content: string }[] {
  return [
    ...SPECS.map((s) => ({ source: `policies/${s.name}.yaml`, content: policyYaml(s) })),
    { source: "policies/replica-limit.yaml", content: REPLICA_LIMIT },
  ];
}
