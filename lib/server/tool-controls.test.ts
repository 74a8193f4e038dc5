/**
 * A tool's own controls (issue 13 §2 "kept as the tool's own controls, with severity and category", §3 "exit
 * criteria can use any control, built-in or custom"): policy reports with a custom Kyverno policy and a Falco rule,
 * imported through the API, stored per object (workloads and other objects), in the control catalog with the tool's
 * severity and category, offered by the control pickers, waived by an exception, judged by an automatic exit
 * criterion, diffed, and listed per object by the scan API. A malformed id is refused, naming the field.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getScanRoute } from "@/app/api/v1/projects/[slug]/scans/[scanId]/route";
import { POST as postScan } from "@/app/api/v1/projects/[slug]/scans/route";
import { createExceptionSchema } from "@/lib/validations/exception";
import { demoProgramWithCriterion, deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { createApiToken } from "./create-api-token";
import { createException } from "./create-exception";
import { createProgram } from "./create-program";
import { getDb } from "./db";
import { findCustomControls } from "./find-custom-controls";
import { findProgramFigures } from "./find-program-figures";
import { findReport } from "./find-report";
import { findScan } from "./find-scan";
import { findScanDiff } from "./find-scan-diff";

const LABELS = "kyverno:require-cost-center/check-cost-center";
const PSA = "kyverno:require-ns-contact/check-contact-label";
const SHELL = "falco:falco-events/launch-suspicious-network-tool-in-container";

const teamLabel = (name: string, result: "pass" | "fail") => `
  - apiVersion: wgpolicyk8s.io/v1alpha2
    kind: PolicyReport
    metadata: {name: ${name}, namespace: payments}
    scope: {apiVersion: apps/v1, kind: Deployment, name: ${name}, namespace: payments}
    results:
      - policy: require-cost-center
        rule: autogen-check-cost-center
        result: ${result}
        message: ${result === "pass" ? "validation rule 'autogen-check-cost-center' passed." : "'The label `team` is required.'"}
        severity: low
        category: Team rules
        source: kyverno`;

/** kubectl's List: Kyverno on two Deployments and a Namespace, Falco on a pod of checkout. */
const reports = (checkout: "pass" | "fail", ledger: "pass" | "fail") => `apiVersion: v1
kind: List
items:${teamLabel("checkout", checkout)}${teamLabel("ledger", ledger)}
  - apiVersion: wgpolicyk8s.io/v1alpha2
    kind: ClusterPolicyReport
    metadata: {name: ns-payments}
    scope: {apiVersion: v1, kind: Namespace, name: payments}
    results:
      - policy: require-ns-contact
        rule: check-contact-label
        result: fail
        message: Namespaces must carry the label pod-security.kubernetes.io/enforce.
        severity: medium
        category: Multi-Tenancy
        source: kyverno
  - apiVersion: openreports.io/v1alpha1
    kind: Report
    metadata: {name: falcosidekick-policy-report, namespace: payments}
    source: Falco
    results:
      - policy: Falco Events
        rule: Launch Suspicious Network Tool in Container
        result: fail
        severity: critical
        category: SI
        message: A shell was spawned in a container with an attached terminal
        subjects: [{apiVersion: v1, kind: Pod, name: checkout-6d5f7b8c9d-x2k4p, namespace: payments}]
      - policy: Falco Events
        rule: Linux Kernel Module Injection Detected
        result: fail
        severity: critical
        message: Kernel module loaded on the node
`;

describe("a tool's own controls", () => {
  const slug = uniqueSlug("tool-controls");
  const now = new Date("2025-10-21T12:00:00Z");
  let ingest = "";
  let read = "";
  const scans: string[] = [];

  const post = (body: string, query: string) =>
    postScan(
      new Request(`http://rampart.test/api/v1/projects/${slug}/scans?${query}`, {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${ingest}` },
      }),
      { params: Promise.resolve({ slug }) },
    );
  const importReports = async (takenAt: string, checkout: "pass" | "fail", ledger: "pass" | "fail") => {
    const response = await post(reports(checkout, ledger), `environment=production&takenAt=${takenAt}`);
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { scan: { id: string } }).scan.id;
  };
  const criterion = async () => {
    const { figures } = await findProgramFigures(SYSTEM, slug, { now, environment: "production" });
    const found = figures?.exitCriteria.phase.find((c) => c.id === "team-labels");
    if (!found) throw new Error("no criterion");
    return found;
  };
  const results = async (scanId: string) =>
    (
      await (
        await getDb()
      ).controlResult.findMany({
        where: { scanId, controlId: { contains: ":" } },
        select: {
          controlId: true,
          status: true,
          message: true,
          component: { select: { kind: true, name: true } },
        },
        orderBy: [{ controlId: "asc" }, { component: { name: "asc" } }],
      })
    ).map((r) => [r.controlId, `${r.component.kind} ${r.component.name}`, r.status, r.message]);

  beforeAll(async () => {
    await createProgram({
      program: demoProgramWithCriterion(slug, {
        id: "team-labels",
        title: "Every team labels",
        controls: [LABELS],
      }),
      createdBy: "test",
      visibility: "private",
    });
    ingest = (await createApiToken(SYSTEM, slug, { name: "ci", scope: "ingest" })).token;
    read = (await createApiToken(SYSTEM, slug, { name: "reader", scope: "read" })).token;
    scans.push(await importReports("2025-10-12T10:00:00Z", "fail", "pass"));
    scans.push(await importReports("2025-10-20T10:00:00Z", "pass", "fail"));
  });

  it("stores each object's result: workloads, the Namespace, a pod's Falco event on its Deployment", async () => {
    expect(await results(scans[0])).toEqual([
      [
        SHELL,
        "Deployment checkout",
        "fail",
        "Pod checkout-6d5f7b8c9d-x2k4p: A shell was spawned in a container with an attached terminal",
      ],
      [LABELS, "Deployment checkout", "fail", "The label `team` is required."],
      [LABELS, "Deployment ledger", "pass", "validation rule 'autogen-check-cost-center' passed."],
      [
        PSA,
        "Namespace payments",
        "fail",
        "Namespaces must carry the label pod-security.kubernetes.io/enforce.",
      ],
    ]);
    const db = await getDb();
    const scan = await db.scan.findUniqueOrThrow({
      where: { id: scans[0] },
      select: {
        otherFindings: true,
        summary: true,
        workloadCount: true,
        resources: { select: { component: true } },
      },
    });
    expect(scan.workloadCount).toBe(2);
    expect(scan.resources.map((r) => [r.component.kind, r.component.namespace, r.component.name])).toEqual([
      ["Namespace", "", "payments"],
    ]);
    // Only the event about no object is left among the other findings.
    expect((scan.otherFindings as { checkId: string; message: string }[]).map((f) => f.message)).toEqual([
      "Kernel module loaded on the node",
    ]);
    expect((scan.summary as { controls: Record<string, unknown> }).controls[LABELS]).toEqual({
      pass: 1,
      fail: 1,
      waived: 0,
      "n/a": 0,
    });
  });

  it("adds catalog rows with the tool's severity and category, and offers the controls to the pickers", async () => {
    const db = await getDb();
    const rows = await db.control.findMany({
      where: { id: { in: [LABELS, PSA, SHELL] } },
      select: { id: true, title: true, severity: true, category: true },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      {
        id: SHELL,
        title: "Falco Events: Launch Suspicious Network Tool in Container",
        severity: "critical",
        category: "SI",
      },
      {
        id: LABELS,
        title: "require-cost-center: check-cost-center",
        severity: "low",
        category: "Team rules",
      },
      {
        id: PSA,
        title: "require-ns-contact: check-contact-label",
        severity: "medium",
        category: "Multi-Tenancy",
      },
    ]);
    expect(await findCustomControls(SYSTEM, slug)).toEqual([SHELL, LABELS, PSA]);
  });

  it("diffs the tool's control like any control: fixed on checkout, regressed on ledger", async () => {
    const diff = await findScanDiff(SYSTEM, slug, scans[0], scans[1]);
    const mine = (list: { control: string; name: string }[]) =>
      list.filter((c) => c.control === LABELS).map((c) => c.name);
    expect(mine(diff.diff.fixed)).toEqual(["checkout"]);
    expect(mine(diff.diff.regressed)).toEqual(["ledger"]);
  });

  it("lists the other objects' results per object in the scan API", async () => {
    const response = await getScanRoute(
      new Request(`http://rampart.test/api/v1/projects/${slug}/scans/${scans[1]}`, {
        headers: { authorization: `Bearer ${read}` },
      }),
      { params: Promise.resolve({ slug, scanId: scans[1] }) },
    );
    expect(response.status).toBe(200);
    // Readers only: the private program's scan asks for authentication without a token.
    const anonymous = await getScanRoute(
      new Request(`http://rampart.test/api/v1/projects/${slug}/scans/${scans[1]}`),
      { params: Promise.resolve({ slug, scanId: scans[1] }) },
    );
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { error: "authentication required" }]);
    const { scan } = await response.json();
    expect(scan.workloads.map((w: { name: string; fail: number }) => [w.name, w.fail])).toEqual([
      ["checkout", 1], // the Falco event
      ["ledger", 1],
    ]);
    expect(scan.resources).toEqual([
      expect.objectContaining({
        kind: "Namespace",
        apiVersion: "v1",
        namespace: "",
        name: "payments",
        pass: 0,
        fail: 1,
        results: [
          {
            control: PSA,
            status: "fail",
            message: "Namespaces must carry the label pod-security.kubernetes.io/enforce.",
          },
        ],
      }),
    ]);
    expect((await findScan(SYSTEM, slug, scans[1])).resources).toEqual(scan.resources);
    // The custom controls' catalog rows, for their titles on the scan page.
    expect(scan.customControls[SHELL]).toEqual({
      title: "Falco Events: Launch Suspicious Network Tool in Container",
      severity: "critical",
      category: "SI",
    });
    expect(Object.keys(scan.customControls).sort()).toEqual([SHELL, LABELS, PSA]);
  });

  it("judges an automatic exit criterion on it, and an exception waives it (now and at the next ingest)", async () => {
    const before = await criterion();
    expect(before).toMatchObject({ met: false, automatic: true, ratio: 0.5 });
    expect(before.failingComponents?.map((c) => c.label)).toEqual(["ledger"]);
    await createException(SYSTEM, slug, {
      selector: { kind: "Deployment", namespace: "payments", name: "ledger" },
      control: LABELS,
      justification: "team label added with the next release",
      owner: "payments",
    });
    const after = await criterion();
    expect(after).toMatchObject({ met: true, ratio: 1 });
    expect(after.evidence).toMatch(new RegExp(`^2 of 2 components pass ${LABELS}`));
    const third = await importReports("2025-10-21T08:00:00Z", "pass", "fail");
    const ledger = (await results(third)).find((r) => r[0] === LABELS && r[1] === "Deployment ledger");
    expect(ledger?.[2]).toBe("waived");
    // The report between the first and the last scan: the criterion met, the tool's control among the changes.
    const report = await findReport(SYSTEM, slug, { from: scans[0], to: third, generatedAt: now });
    expect(report.exitCriteria.phase.find((c) => c.id === "team-labels")).toMatchObject({
      met: true,
      automatic: true,
      evidence: expect.stringMatching(new RegExp(`^2 of 2 components pass ${LABELS}`)),
    });
  });

  it("refuses a malformed tool control id with a 422 naming the field, and in an exception", async () => {
    const result = scanOf({ "apps.yaml": deploymentYaml("api") });
    const control = { status: "fail", message: "no team label", containers: [] };
    for (const [id, ok] of [
      ["Kyverno:require-cost-center", false],
      ["kyverno:require team label", false],
      ["kyverno:require-cost-center/check-cost-center", true],
    ] as const) {
      const body = { ...result, workloads: [{ ...result.workloads[0], controls: { [id]: control } }] };
      const response = await post(JSON.stringify(body), `environment=malformed&takenAt=2025-10-05T10:00:00Z`);
      if (ok) {
        expect(response.status).toBe(201);
        continue;
      }
      expect(response.status).toBe(422);
      const answer = await response.json();
      expect(answer.field).toBe(`workloads[0].controls["${id}"]`);
      expect(answer.error).toContain(`unknown control "${id}"`);
    }
    const exception = (control: string) =>
      createExceptionSchema.safeParse({
        selector: { name: "api" },
        control,
        justification: "j",
        owner: "o",
      });
    expect(exception(LABELS).success).toBe(true);
    expect(exception("Kyverno:require-cost-center").error?.issues.map((i) => i.path.join("."))).toEqual([
      "control",
    ]);
  });
});
