/**
 * The ValidatingAdmissionPolicy the tests share (with its binding, Deny): every Deployment's images come from one
 * registry. No imports, so that the Playwright specs (e2e/) load it as the vitest tests do.
 */
export function trustedRegistryPolicy({
  registry = "harbor.example.com",
  binding = "trusted-registry",
}: {
  registry?: string;
  binding?: string;
} = {}): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: trusted-registry}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["deployments"]}
  validations:
  - expression: "object.spec.template.spec.containers.all(c, c.image.startsWith('${registry}/'))"
    message: images must come from ${registry}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: ${binding}}
spec: {policyName: trusted-registry, validationActions: [Deny]}
`;
}
