import { describe, expect, it } from "vitest";
import { hasCorpus, readCorpus, readCorpusJson, skipCorpusSuite } from "../../test/corpus.ts";
import { CONTROL_DEFINITIONS } from "./controls/index.ts";
import { scanFiles } from "./scan.ts";

// Without the shared corpus (a clone of the public repo alone) these suites are skipped with one line.
const describeCorpus = hasCorpus ? describe : skipCorpusSuite;

interface PssEntry {
  file: string;
  level: "baseline" | "restricted";
  expect: "pass" | "fail";
  control: string;
  check: string;
}

/** PSA check id → our control id. */
const CHECK_TO_CONTROL: Record<string, string> = {
  hostNamespaces: "pss-host-namespaces",
  privileged: "pss-privileged",
  capabilities_baseline: "pss-capabilities-baseline",
  hostPathVolumes: "pss-host-path",
  hostPorts: "pss-host-ports",
  appArmorProfile: "pss-apparmor",
  seLinuxOptions: "pss-selinux",
  procMount: "pss-proc-mount",
  seccompProfile_baseline: "pss-seccomp-baseline",
  sysctls: "pss-sysctls",
  windowsHostProcess: "pss-windows-host-process",
  hostProbesAndHostLifecycle: "pss-probes-lifecycle-host",
  restrictedVolumes: "pss-volume-types",
  allowPrivilegeEscalation: "pss-privilege-escalation",
  runAsNonRoot: "pss-run-as-non-root",
  runAsUser: "pss-run-as-user",
  seccompProfile_restricted: "pss-seccomp-restricted",
  capabilities_restricted: "pss-capabilities-restricted",
  procMount_restricted: "pss-proc-mount-restricted",
};

const BASELINE = CONTROL_DEFINITIONS.filter((c) => c.category === "pss-baseline").map((c) => c.id);
const RESTRICTED = CONTROL_DEFINITIONS.filter((c) => c.category === "pss-restricted").map((c) => c.id);

describeCorpus("Pod Security Standards v1.37 corpus (kubernetes/pod-security-admission fixtures)", () => {
  it("agrees with every fixture's expected pass/fail at its level (148/148)", () => {
    const entries = readCorpusJson<PssEntry[]>("pss", "expected.json");
    expect(entries.length).toBe(148);
    const disagreements: string[] = [];
    let agree = 0;
    for (const e of entries) {
      const result = scanFiles([{ path: e.file, content: readCorpus("pss", e.file) }], {
        now: new Date("2026-01-01"),
      });
      expect(result.errors, e.file).toEqual([]);
      expect(result.workloads, e.file).toHaveLength(1);
      const w = result.workloads[0];
      const ids = e.level === "baseline" ? BASELINE : [...BASELINE, ...RESTRICTED];
      const failing = ids.filter((id) => w.controls[id].status === "fail");
      const got = failing.length === 0 ? "pass" : "fail";
      // pssLevel must be consistent with the per-level verdict.
      const levelOk = e.level === "baseline" ? w.pssLevel !== "privileged" : w.pssLevel === "restricted";
      expect(levelOk, `${e.file} pssLevel ${w.pssLevel}`).toBe(got === "pass");
      if (e.expect === "fail") {
        // Each fail fixture differs from the base pod in one control: that control must be among the failures.
        expect(failing, e.file).toContain(CHECK_TO_CONTROL[e.check]);
      }
      if (got === e.expect) agree++;
      else
        disagreements.push(
          `${e.file}: expected ${e.expect}, got ${got} (${failing.join(", ") || "no failures"})`,
        );
    }
    console.log(`PSS agreement: ${agree}/${entries.length}`);
    expect(disagreements).toEqual([]);
    expect(agree).toBe(148);
  });
});
