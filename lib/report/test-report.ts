/** A report built purely from hand-made scans and the demo's roadmap, with hostile user text (tests only). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { wl } from "@/lib/metrics/test-fixtures";
import { parseProgramOrThrow } from "@/lib/program";
import { buildReport, type ReportScan } from "./build-report";

/** The report's sections (level-2 headings), in the session summary's order. */
export const SECTIONS = [
  "Executive Summary",
  "Completed Components",
  "Security Patterns in Use",
  "Progress Metrics",
  "Remaining Work",
  "Files Changed",
  "Key Learnings",
  "Success Factors",
  "Next Session Plan",
  "Resource Summary",
  "Quality Metrics",
  "Roadmap Status",
  "Exit Criteria Tracking",
  "Handoff Notes",
];

/** Without a roadmap: the sections that need one are left out; the audited changes stand on their own. */
export const SECTIONS_WITHOUT_ROADMAP = [
  "Executive Summary",
  "Completed Components",
  "Security Patterns in Use",
  "Remaining Work",
  "Files Changed",
  "Success Factors",
  "Next Session Plan",
  "Resource Summary",
  "Quality Metrics",
  "Recorded Changes During the Period",
];

export const HOSTILE = {
  name: "evil|name`<script>alert(1)</script>",
  formula: '=HYPERLINK("http://evil.example","click")',
  notes: "# Top heading\n<script>alert('notes')</script>\n| a | b |\n```\nunclosed fence",
};

const program = parseProgramOrThrow(
  readFileSync(join(import.meta.dirname, "..", "..", "examples", "maestro", "program.yaml"), "utf8"),
  "program.yaml",
);

const pass = {
  "run-as-non-root": "pass",
  "capabilities-drop-all": "pass",
  "seccomp-profile": "pass",
  "no-privilege-escalation": "pass",
  "network-policy": "pass",
  "pod-disruption-budget": "fail",
} as const;

function reportScan(id: string, takenAt: string, hardened: boolean): ReportScan {
  return {
    id,
    takenAt,
    gitRef: "abc123",
    message: HOSTILE.formula,
    namespaces: [{ name: "apps", defaultDenyIngress: hardened, defaultDenyEgress: false }],
    workloads: [
      {
        ...wl(HOSTILE.name, hardened ? pass : { ...pass, "seccomp-profile": "fail" }, {
          category: HOSTILE.formula,
          features: { runAsNonRoot: true, runAsUser: 1000, addedCapabilities: ["NET_ADMIN"] },
        }),
        file: "manifests/../../evil|file.yaml",
      },
      { ...wl("plain-api", pass), file: "manifests/api.yaml" },
    ],
  };
}

export function hostileReport() {
  const phase = program.phases[1];
  return buildReport({
    project: { slug: "evil", name: HOSTILE.name },
    program,
    phase,
    state: {},
    environment: "production",
    range: { kind: "period", period: phase.weeks[1] },
    scans: { production: reportScan("after", "2025-10-20T10:00:00Z", false), dev: null },
    before: reportScan("before", "2025-10-01T10:00:00Z", true),
    scansInPeriod: { production: 2, dev: 0 },
    notes: { keyLearnings: HOSTILE.notes, handoff: HOSTILE.formula },
    activity: [
      {
        at: "2025-10-14T09:00:00Z",
        by: HOSTILE.formula,
        action: "milestone.done",
        target: HOSTILE.name,
        summary: `ticked ${HOSTILE.name}`,
      },
    ],
    generatedAt: "2025-10-20T12:00:00.000Z",
  });
}

/** Two hand-made scans of a program that has no roadmap: the earlier fully hardened, the later with a regression. */
export function roadmapFreeReport() {
  return buildReport({
    project: { slug: "acme", name: "Acme" },
    program: { maturity: { baseline: 0, target: 1, model: "phase-progress" } },
    phase: null,
    state: {},
    environment: "production",
    range: { kind: "scans", period: null },
    scans: { production: reportScan("after", "2025-10-20T10:00:00Z", false) },
    before: reportScan("before", "2025-10-01T10:00:00Z", true),
    scansInPeriod: { production: 2 },
    notes: { keyLearnings: "", handoff: "" },
    activity: [],
    generatedAt: "2025-10-20T12:00:00.000Z",
  });
}

/** Two scans whose ValidatingAdmissionPolicy registry changed text between them: its fail → pass is not a fix. */
export function policyChangedReport() {
  const scan = (id: string, takenAt: string, status: "pass" | "fail", hash: string): ReportScan => ({
    id,
    takenAt,
    namespaces: [{ name: "apps", defaultDenyIngress: true, defaultDenyEgress: false }],
    workloads: [{ ...wl("api", { ...pass, "vap:registry": status }), file: "manifests/api.yaml" }],
    policies: [{ name: "registry", hash }],
  });
  return buildReport({
    project: { slug: "acme", name: "Acme" },
    program: { maturity: { baseline: 0, target: 1, model: "phase-progress" } },
    phase: null,
    state: {},
    environment: "production",
    range: { kind: "scans", period: null },
    scans: { production: scan("after", "2025-10-20T10:00:00Z", "pass", "2222222222222222") },
    before: scan("before", "2025-10-01T10:00:00Z", "fail", "1111111111111111"),
    scansInPeriod: { production: 2 },
    notes: { keyLearnings: "", handoff: "" },
    activity: [],
    generatedAt: "2025-10-20T12:00:00.000Z",
  });
}
