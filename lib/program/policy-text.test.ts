import { describe, expect, it } from "vitest";
import { describePolicyText } from "./policy-text.ts";

const TEXT = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: trusted-registry }
spec:
  validations: [{ expression: "true" }]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: trusted-registry-all }
spec: { policyName: trusted-registry, validationActions: [Deny, Audit] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: params }
`;

describe("describePolicyText", () => {
  it("lists the policies and the bindings with their validation actions, skipping parameter objects", () => {
    expect(describePolicyText(TEXT)).toEqual({
      policies: ["trusted-registry"],
      bindings: [
        {
          name: "trusted-registry-all",
          policyName: "trusted-registry",
          validationActions: ["Deny", "Audit"],
        },
      ],
    });
  });

  it("describes nothing in a document that does not parse", () => {
    expect(describePolicyText("kind: [unclosed")).toEqual({ policies: [], bindings: [] });
  });
});
