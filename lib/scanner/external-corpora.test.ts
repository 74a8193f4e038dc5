/**
 * Agreement with kube-score's and Polaris's own test fixtures, for the checks that map to our controls.
 * Every deliberate disagreement is listed with its reason; an unlisted disagreement fails the test,
 * and so does a listed one that no longer happens.
 */
import { describe, expect, it } from "vitest";
import { hasCorpus, readCorpus, readCorpusJson, skipCorpusSuite } from "../../test/corpus.ts";
import { scanFiles } from "./scan.ts";
import type { ScanResult } from "./schema.ts";

// Without the shared corpus (a clone of the public repo alone) these suites are skipped with one line.
const describeCorpus = hasCorpus ? describe : skipCorpusSuite;

type Verdict = "pass" | "fail" | "none";

function controlVerdict(r: ScanResult, id: string, messageIncludes?: string): Verdict {
  if (r.workloads.length === 0) return "none";
  const failed = r.workloads.some((w) => {
    const c = w.controls[id];
    if (c.status !== "fail") return false;
    return messageIncludes === undefined || c.message.includes(messageIncludes);
  });
  return failed ? "fail" : "pass";
}

function scan(dir: string, file: string): ScanResult {
  return scanFiles([{ path: file, content: readCorpus(dir, file) }], { now: new Date("2026-01-01") });
}

// ---------------------------------------------------------------- kube-score
interface KubeScoreEntry {
  file: string;
  check: string;
  expect: string;
  config: Record<string, unknown>;
}

const KUBE_SCORE: Record<string, (r: ScanResult) => Verdict> = {
  "container-security-context-privileged": (r) => controlVerdict(r, "pss-privileged"),
  "container-security-context-readonlyrootfilesystem": (r) => controlVerdict(r, "read-only-root-filesystem"),
  "container-seccomp-profile": (r) => controlVerdict(r, "seccomp-profile"),
  "container-resources": (r) => controlVerdict(r, "resource-limits"),
  "deployment-has-poddisruptionbudget": (r) => controlVerdict(r, "pod-disruption-budget"),
  "statefulset-has-poddisruptionbudget": (r) => controlVerdict(r, "pod-disruption-budget"),
  "pod-networkpolicy": (r) => controlVerdict(r, "network-policy"),
};

const KUBE_SCORE_DISAGREEMENTS: Record<string, string> = {
  "networkpolicy-matching-only-ingress.yaml|pod-networkpolicy|WARNING":
    "kube-score warns unless both Ingress and Egress are covered; network-policy passes when at least one policy selects the pod (the directions are shown in the message and in namespaces[].defaultDeny*)",
  "networkpolicy-matching-only-egress.yaml|pod-networkpolicy|WARNING":
    "same as above: selection by one policy is enough for network-policy",
  "pod-test-resources-only-limits.yaml|container-resources|WARNING":
    "kube-score also wants requests; resource-limits checks cpu and memory limits only",
  "pod-test-resources-limits-and-requests-no-cpu-limit.yaml|container-resources|OK":
    "kube-score run with ignoreContainerCpuLimitRequirement; rampart has no such switch (use an exception)",
  "pod-test-resources-no-limits.yaml|container-resources|OK":
    "kube-score run with ignoreContainerCpu/MemoryLimitRequirement; rampart has no such switch (use an exception)",
  "deployment-test-resources.yaml|container-resources|WARNING":
    "limits set, requests missing: kube-score warns, resource-limits passes (limits only)",
  "statefulset-test-resources.yaml|container-resources|WARNING":
    "limits set, requests missing: kube-score warns, resource-limits passes (limits only)",
  "pod-seccomp-annotated.yaml|container-seccomp-profile|OK":
    "the seccomp.security.alpha.kubernetes.io annotations are ignored since Kubernetes 1.27 (and by PSS); only securityContext.seccompProfile counts",
  "pod-seccomp-annotated-annotation-optional.yaml|container-seccomp-profile|OK":
    "legacy seccomp annotation, ignored since Kubernetes 1.27 (see above)",
};

// ---------------------------------------------------------------- Polaris
interface PolarisEntry {
  file: string;
  check: string;
  expect: string;
}

const POLARIS: Record<string, (r: ScanResult) => Verdict> = {
  hostIPCSet: (r) => controlVerdict(r, "pss-host-namespaces", "hostIPC"),
  hostPIDSet: (r) => controlVerdict(r, "pss-host-namespaces", "hostPID"),
  hostNetworkSet: (r) => controlVerdict(r, "pss-host-namespaces", "hostNetwork"),
  hostPathSet: (r) => controlVerdict(r, "pss-host-path"),
  hostPortSet: (r) => controlVerdict(r, "pss-host-ports"),
  hostProcess: (r) => controlVerdict(r, "pss-windows-host-process"),
  runAsPrivileged: (r) => controlVerdict(r, "pss-privileged"),
  procMount: (r) => controlVerdict(r, "pss-proc-mount-restricted"),
  privilegeEscalationAllowed: (r) => controlVerdict(r, "no-privilege-escalation"),
  runAsRootAllowed: (r) => controlVerdict(r, "run-as-non-root"),
  notReadOnlyRootFilesystem: (r) => controlVerdict(r, "read-only-root-filesystem"),
  cpuLimitsMissing: (r) => controlVerdict(r, "resource-limits", "cpu"),
  memoryLimitsMissing: (r) => controlVerdict(r, "resource-limits", "memory"),
  dangerousCapabilities: (r) => controlVerdict(r, "pss-capabilities-baseline"),
  insecureCapabilities: (r) => controlVerdict(r, "capabilities-drop-all"),
  missingNetworkPolicy: (r) => controlVerdict(r, "network-policy"),
  missingPodDisruptionBudget: (r) => controlVerdict(r, "pod-disruption-budget"),
};

const DROP_LIST =
  "Polaris accepts an explicit drop list of the default capabilities; capabilities-drop-all requires ALL (an explicit list silently misses capabilities a runtime adds to its default set later)";
const ONE_DIRECTION =
  "Polaris wants both Ingress and Egress policy types with rules; network-policy passes when at least one NetworkPolicy selects the pod (directions are in the message and namespaces[].defaultDeny*)";
const POLARIS_DISAGREEMENTS: Record<string, string> = {
  "checks/insecureCapabilities/success.yaml|insecureCapabilities|success": DROP_LIST,
  "checks/insecureCapabilities/success.case.yaml|insecureCapabilities|success": DROP_LIST,
  "checks/insecureCapabilities/success.pod.yaml|insecureCapabilities|success": DROP_LIST,
  "checks/missingNetworkPolicy/failure.netpol_missing_egress_in_policytypes.yaml|missingNetworkPolicy|failure":
    ONE_DIRECTION,
  "checks/missingNetworkPolicy/failure.netpol_missing_egress_rules.yaml|missingNetworkPolicy|failure":
    ONE_DIRECTION,
  "checks/missingNetworkPolicy/failure.netpol_missing_ingress_in_policytypes.yaml|missingNetworkPolicy|failure":
    ONE_DIRECTION,
  "checks/missingNetworkPolicy/failure.netpol_missing_ingress_rules.yaml|missingNetworkPolicy|failure":
    ONE_DIRECTION,
};

function compare<E extends { file: string; check: string; expect: string }>(
  dir: string,
  entries: E[],
  evaluators: Record<string, (r: ScanResult) => Verdict>,
  expected: (e: E) => Verdict | "skip",
  known: Record<string, string>,
) {
  const disagreements: string[] = [];
  let agree = 0;
  let compared = 0;
  for (const e of entries) {
    const evaluate = evaluators[e.check];
    if (!evaluate) continue;
    const want = expected(e);
    if (want === "skip") continue;
    compared++;
    const got = evaluate(scan(dir, e.file));
    const key = `${e.file}|${e.check}|${e.expect}`;
    if (got === want) agree++;
    else {
      disagreements.push(`${key} (rampart: ${got})`);
      console.log(`  disagreement ${key} (rampart: ${got}): ${known[key] ?? "NOT LISTED"}`);
    }
  }
  return { agree, compared, disagreements };
}

describeCorpus("kube-score fixtures", () => {
  it("agrees on the mapped checks, apart from the listed deliberate disagreements", () => {
    const entries = readCorpusJson<KubeScoreEntry[]>("kube-score", "expected.json");
    const { agree, compared, disagreements } = compare(
      "kube-score",
      entries,
      KUBE_SCORE,
      (e) =>
        e.expect === "OK" ? "pass" : e.expect === "WARNING" || e.expect === "CRITICAL" ? "fail" : "skip",
      KUBE_SCORE_DISAGREEMENTS,
    );
    console.log(`kube-score agreement: ${agree}/${compared} (${compared - agree} listed disagreements)`);
    expect(disagreements.map((d) => d.replace(/ \(rampart: .*\)$/, "")).sort()).toEqual(
      Object.keys(KUBE_SCORE_DISAGREEMENTS).sort(),
    );
  });
});

describeCorpus("Polaris fixtures", () => {
  it("agrees on the mapped checks, apart from the listed deliberate disagreements", () => {
    const entries = readCorpusJson<PolarisEntry[]>("polaris", "expected.json");
    const { agree, compared, disagreements } = compare(
      "polaris",
      entries,
      POLARIS,
      (e) => (e.expect === "success" ? "pass" : e.expect === "failure" ? "fail" : "skip"),
      POLARIS_DISAGREEMENTS,
    );
    console.log(`Polaris agreement: ${agree}/${compared} (${compared - agree} listed disagreements)`);
    expect(disagreements.map((d) => d.replace(/ \(rampart: .*\)$/, "")).sort()).toEqual(
      Object.keys(POLARIS_DISAGREEMENTS).sort(),
    );
  });
});
