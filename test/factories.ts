import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { parseProgramOrThrow } from "@/lib/program";
import { type ScanResult, scanFiles } from "@/lib/scanner";
import { trustedRegistryPolicy } from "./policies";

/**
 * A stored exception row waiving svc-1's run-as-non-root failures, written straight to the table (as an older
 * database holds it) by tests that compare what ingest stores with what SQL over the raw rows computes.
 */
export function svcOneRunAsNonRootException(projectId: string) {
  return {
    projectId,
    selectorName: "svc-1",
    controlId: "run-as-non-root",
    justification: "Vendor image",
    owner: "apps",
    createdBy: "test",
  };
}

export function uniqueSlug(prefix = "test"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A Deployment manifest; `hardened` adds the seed's Pattern 1 security contexts. */
export function deploymentYaml(name: string, { hardened = true, namespace = "apps" } = {}): string {
  const podSc = hardened
    ? `
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        seccompProfile: { type: RuntimeDefault }`
    : "";
  const containerSc = hardened
    ? `
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }`
    : "";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels: { app.kubernetes.io/part-of: platform }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:${podSc}
      containers:
        - name: app
          image: registry.example/${name}:1.0
          resources:
            limits: { cpu: 500m, memory: 256Mi }${containerSc}
`;
}

export function scanOf(
  manifests: Record<string, string>,
  now = new Date("2025-10-05T10:00:00Z"),
): ScanResult {
  return scanFiles(
    Object.entries(manifests).map(([path, content]) => ({ path, content })),
    { now },
  );
}

/** A ValidatingAdmissionPolicy with its binding (Deny): every Deployment's images come from harbor.example.com. */
export const TRUSTED_REGISTRY_POLICY = trustedRegistryPolicy();

/** The demo's program (examples/maestro) under another slug, with one more automatic exit criterion in Phase 2. */
export function demoProgramWithCriterion(
  slug: string,
  criterion: { id: string; title: string; controls: string[]; environment?: string },
) {
  const doc = parseDocument(
    readFileSync(path.join(process.cwd(), "examples/maestro/program.yaml"), "utf8"),
  ).toJS();
  doc.project.slug = slug;
  doc.phases[1].exitCriteria.push({
    id: criterion.id,
    title: criterion.title,
    rule: {
      type: "controls-pass",
      controls: criterion.controls,
      environment: criterion.environment ?? "production",
    },
  });
  return parseProgramOrThrow(JSON.stringify(doc), "program.yaml");
}
