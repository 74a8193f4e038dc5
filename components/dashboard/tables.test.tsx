// @vitest-environment jsdom
import "./test-setup";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { diffScans } from "@/lib/diff/diff-scans";
import { computeHardeningMetrics, computeMaturity, computePhaseProgress } from "@/lib/metrics";
import { HardeningMetricsTable } from "./HardeningMetricsTable";
import { MaturityCard } from "./MaturityCard";
import { ScanDiffView } from "./ScanDiffView";
import { featureBadges, SecurityFeatureBadges, toFeatures } from "./SecurityFeatureBadges";
import { phase, program, promtail, rows, scans } from "./test-fixtures";
import { WorkStreamProgress } from "./WorkStreamProgress";

const latest = { production: scans[2] };

describe("HardeningMetricsTable", () => {
  const metrics = computeHardeningMetrics(phase.metrics, latest, { phase, asOf: "2025-10-19" });

  it("renders Metric | Target | Achieved | % Complete | Status with status text and exception notes", () => {
    render(<HardeningMetricsTable rows={metrics} />);
    const table = screen.getByRole("table", { name: "Kubernetes Hardening" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Metric", "Target", "Achieved", "% Complete", "Status"]);
    const runAsNonRoot = metrics.find((m) => m.control === "run-as-non-root");
    if (!runAsNonRoot) throw new Error("program metric");
    const row = within(table)
      .getByRole("rowheader", { name: new RegExp(runAsNonRoot.label) })
      .closest("tr");
    const cells = within(row as HTMLElement)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    // 3 pass, 1 fail (airflow-worker), promtail waived outside the target.
    expect(cells.slice(0, 3)).toEqual(["4", "3", "75%"]);
    expect(cells[3]).toContain("(1 exception: promtail; 1 failing)");
    expect(cells[3]).toMatch(/On track|Behind/);
    expect(cells[3]).toContain("Exception promtail: Reads root-owned node log files");
  });

  it("shows 'Complete' as text next to the colour", () => {
    render(<HardeningMetricsTable rows={metrics} />);
    const caps = metrics.find((m) => m.control === "capabilities-drop-all");
    expect(caps?.status).toBe("complete");
    const row = screen
      .getByRole("rowheader", { name: new RegExp(caps?.label ?? "") })
      .closest("tr") as HTMLElement;
    expect(within(row).getByText("Complete")).toBeDefined();
  });

  it("shows rows of an unscanned environment as not started, and an empty state", () => {
    const unscanned = computeHardeningMetrics(phase.metrics.slice(0, 1), {});
    const { unmount } = render(<HardeningMetricsTable rows={unscanned} />);
    expect(screen.getByText("Not started")).toBeDefined();
    expect(screen.getByText(/No scan of production yet/)).toBeDefined();
    unmount();
    render(<HardeningMetricsTable rows={[]} />);
    expect(screen.getByText(/No hardening metrics defined/)).toBeDefined();
  });
});

describe("MaturityCard", () => {
  it("shows baseline → current → target, a bar and the explanation", () => {
    const maturity = computeMaturity(
      { baseline: 0.65, target: 0.8, model: "phase-progress" },
      0.3,
      "Production Hardening",
    );
    render(<MaturityCard maturity={maturity} note={program.maturity.note} />);
    const steps = screen.getByRole("list", { name: "Baseline, current and target maturity" });
    expect(steps.textContent).toBe("65% baseline→69.5% current→80% target");
    const bar = screen.getByRole("progressbar", { name: "Maturity" });
    expect(bar.getAttribute("aria-valuenow")).toBe("69.5");
    expect(bar.getAttribute("aria-valuetext")).toBe("69.5% (baseline 65%, target 80%)");
    expect(screen.getByText(/How it is computed/).parentElement?.textContent).toContain(
      "65% baseline + (80% target − 65% baseline) × 30% Production Hardening progress = 69.5%",
    );
    expect(screen.getByRole("region", { name: "Maturity" })).toBeDefined();
  });

  it("has an empty state", () => {
    render(<MaturityCard maturity={null} />);
    expect(screen.getByText(/not computed yet/)).toBeDefined();
  });
});

describe("WorkStreamProgress", () => {
  const progress = computePhaseProgress(phase, latest);

  it("shows a bar, percentage and source label per work stream, and the weighted overall", () => {
    render(<WorkStreamProgress progress={progress} phaseName="Phase 2" />);
    const bars = screen.getAllByRole("progressbar");
    expect(bars).toHaveLength(phase.workStreams.length + 1);
    const k8s = screen.getByRole("progressbar", { name: "K8s Security Hardening progress" });
    expect(k8s.getAttribute("aria-valuetext")).toBe("80%");
    expect(
      screen.getByText(
        "from scan data: 4 of 5 production components pass run-as-non-root, capabilities-drop-all, seccomp-profile and no-privilege-escalation",
      ),
    ).toBeDefined();
    expect(screen.getAllByText(/from milestones: 0 of \d done/).length).toBeGreaterThan(0);
    const overall = screen.getByRole("progressbar", { name: "Overall Phase 2 progress" });
    expect(overall.getAttribute("aria-valuetext")).toBe(`${Math.round(progress.overall * 100)}%`);
    expect(screen.getByText(progress.explanation)).toBeDefined();
  });

  it("has an empty state", () => {
    render(<WorkStreamProgress progress={null} />);
    expect(screen.getByText(/No work streams/)).toBeDefined();
  });
});

describe("SecurityFeatureBadges", () => {
  it("words an application's features like the seed", () => {
    render(<SecurityFeatureBadges features={toFeatures(rows[0].features)} />);
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual(["runAsNonRoot (1000)", "read-only FS", "caps dropped", "seccomp", "temp volumes"]);
  });

  it("marks root, added capabilities and hostPath as warnings (text, not only colour)", () => {
    render(<SecurityFeatureBadges features={toFeatures(promtail.features)} />);
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual([
      "⚠Warning: runAsUser 0 (root)",
      "caps dropped",
      "⚠Warning: +DAC_READ_SEARCH",
      "seccomp",
      "⚠Warning: hostPath",
    ]);
  });

  it("covers stateful and package-install features", () => {
    expect(
      featureBadges({
        runAsNonRoot: true,
        runAsUser: 50000,
        capabilitiesDropped: true,
        seccomp: "Localhost",
        dataVolumes: true,
        initContainersSecured: true,
      }).map((b) => b.text),
    ).toEqual([
      "runAsNonRoot (50000)",
      "caps dropped",
      "seccomp (Localhost)",
      "data PVC",
      "init containers secured",
    ]);
    expect(featureBadges({ seccomp: "Unconfined" })).toEqual([
      { key: "seccomp", text: "seccomp unconfined", tone: "warn", warning: true },
    ]);
  });

  it("reads stored (unknown) features defensively and has an empty state", () => {
    expect(toFeatures(null)).toBeNull();
    expect(toFeatures([1])).toBeNull();
    expect(toFeatures({ runAsNonRoot: "yes", addedCapabilities: ["NET_ADMIN", 3] })).toEqual({
      addedCapabilities: ["NET_ADMIN"],
    });
    render(<SecurityFeatureBadges features={{}} />);
    expect(screen.getByText("No security features")).toBeDefined();
  });
});

describe("ScanDiffView", () => {
  const withFile = (s: (typeof scans)[number]) => ({
    workloads: s.workloads.map((w) => ({
      ...w,
      file: `infrastructure/kubernetes/${w.name}.yaml`,
      controls: w.controls as Record<string, { status: "pass" | "fail" | "waived" | "n/a" }>,
    })),
  });

  it("shows summary counts, a per-category table and highlighted regressions", () => {
    const after = withFile(scans[2]);
    const set =
      (name: string, control: string, status: "pass" | "fail") => (w: (typeof after.workloads)[number]) =>
        w.name === name ? { ...w, controls: { ...w.controls, [control]: { status } } } : w;
    // Before: promtail not yet waived, feast-redis without a PDB; after: maestro-api loses seccomp, registry-ui added.
    const before = {
      workloads: after.workloads
        .map(set("promtail", "run-as-non-root", "fail"))
        .map(set("feast-redis", "pod-disruption-budget", "fail")),
    };
    after.workloads = after.workloads.map(set("maestro-api", "seccomp-profile", "fail"));
    after.workloads.push({ ...after.workloads[0], name: "registry-ui" });
    const diff = diffScans(before, after);
    render(<ScanDiffView diff={diff} beforeLabel="Oct 12 scan" afterLabel="Oct 19 scan" />);

    const terms = screen.getAllByRole("term").map((t) => t.textContent);
    const defs = screen.getAllByRole("definition").map((d) => d.textContent);
    const counts = Object.fromEntries(terms.map((t, i) => [t, defs[i]]));
    expect(counts).toMatchObject({
      Regressed: "1",
      Fixed: "1",
      Waived: "1",
      Added: "1",
      Removed: "0",
      "Unchanged components": "2",
    });

    const table = screen.getByRole("table", { name: "Changes per category" });
    expect(
      within(table)
        .getAllByRole("rowheader")
        .map((r) => r.textContent),
    ).toEqual(Object.keys(diff.byCategory).sort());

    const regressed = screen.getByRole("region", { name: /Regressed/ });
    expect(regressed.textContent).toContain("Deployment maestro/maestro-api");
    expect(regressed.textContent).toContain("seccomp-profile pass → fail");
    const waived = screen.getByRole("region", { name: /Waived/ });
    expect(waived.textContent).toContain("run-as-non-root fail → waived");
    expect(screen.getByRole("region", { name: /Fixed/ }).textContent).toContain(
      "pod-disruption-budget fail → pass",
    );
    expect(screen.getByRole("region", { name: /Added components/ }).textContent).toContain(
      "Deployment maestro/registry-ui (Core Platform) infrastructure/kubernetes/maestro-api.yaml",
    );
  });

  it("lists the policies whose text changed, with the result changes not counted", () => {
    const s = withFile(scans[2]);
    const policy = (controls: Record<string, { status: "pass" | "fail" }>, hash: string) => ({
      workloads: s.workloads.map((w) => ({ ...w, controls: { ...w.controls, ...controls } })),
      policies: [{ name: "trusted-registry", hash }],
    });
    const diff = diffScans(
      policy({ "vap:trusted-registry": { status: "fail" } }, "1111aaaa"),
      policy({ "vap:trusted-registry": { status: "pass" } }, "2222bbbb"),
    );
    render(<ScanDiffView diff={diff} />);
    const terms = screen.getAllByRole("term").map((t) => t.textContent);
    const defs = screen.getAllByRole("definition").map((d) => d.textContent);
    expect(Object.fromEntries(terms.map((t, i) => [t, defs[i]]))).toMatchObject({
      Fixed: "0",
      "Policies changed": "1",
    });
    expect(screen.getByRole("region", { name: /Policy text changed \(1\)/ }).textContent).toContain(
      "vap:trusted-registry: policy text changed (1111aaaa → 2222bbbb), 5 result changes not counted",
    );
  });

  it("says so when nothing changed, and when there is no earlier scan", () => {
    const s = withFile(scans[2]);
    const { unmount } = render(<ScanDiffView diff={diffScans(s, s)} />);
    expect(screen.getByText("No changes: 5 components unchanged.")).toBeDefined();
    unmount();
    render(<ScanDiffView diff={null} />);
    expect(screen.getByText("No earlier scan to compare with.")).toBeDefined();
  });
});
