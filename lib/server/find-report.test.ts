import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "@/lib/report/render-html";
import { renderMarkdown } from "@/lib/report/render-markdown";
import { reportSchema } from "@/lib/report/schema";
import { SECTIONS_WITHOUT_ROADMAP } from "@/lib/report/test-report";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { type Actor, ANONYMOUS, SYSTEM } from "./actor";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { createUser } from "./create-user";
import { getDb } from "./db";
import { NotFoundError, ValidationError } from "./errors";
import { findReport, reportHtml } from "./find-report";
import { loadDemoProgram } from "./load-demo-program";
import { updatePeriodNotes } from "./update-period-notes";

const GOLDEN = path.join(process.cwd(), "lib/report/__golden__/maestro-final.md");
const generatedAt = new Date("2025-11-29T18:00:00Z");

describe("findReport on the demo", () => {
  const slug = uniqueSlug("report");
  beforeAll(() => loadDemoProgram({ slug }));

  // The golden file: the demo's final period as Markdown. A change in output is a deliberate diff: regenerate with
  // UPDATE_GOLDEN=1 npx vitest run --config vitest.integration.config.mts lib/server/find-report.test.ts
  it("renders the final period to the committed Markdown", async () => {
    const report = await findReport(SYSTEM, slug, { period: "week-6-8", generatedAt });
    expect(reportSchema.parse(report)).toEqual(report);
    // The golden file does not depend on this run's unique slug.
    const markdown = renderMarkdown({ ...report, project: { ...report.project, slug: "maestro" } });
    if (process.env.UPDATE_GOLDEN === "1") await writeFile(GOLDEN, markdown);
    expect(markdown).toBe(await readFile(GOLDEN, "utf8"));
  });

  it("gives the preview's HTML as renderHtml renders each stamped report, its time put in the cached body", async () => {
    const first = await findReport(SYSTEM, slug, { period: "week-6-8", generatedAt });
    const later = await findReport(SYSTEM, slug, {
      period: "week-6-8",
      generatedAt: new Date(generatedAt.getTime() + 90_000),
    });
    expect(later.generatedAt).not.toBe(first.generatedAt);
    for (const report of [first, later, first]) {
      expect(reportHtml(report)).toBe(renderHtml(report));
      expect(reportHtml(report)).toContain(`<dd>${report.generatedAt}</dd>`);
    }
    // A report that findReport did not return (here a changed copy) is rendered as it is.
    const renamed = { ...first, title: "Another title" };
    expect(reportHtml(renamed)).toBe(renderHtml(renamed));
  });
});

describe("findReport periods and access", () => {
  const slug = uniqueSlug("report-range");
  beforeAll(() => loadDemoProgram({ slug }));

  it("reports between two scans, in the environment of the scans", async () => {
    const db = await getDb();
    const scans = await db.scan.findMany({
      where: { project: { slug }, environment: { name: "production" } },
      orderBy: { takenAt: "asc" },
      select: { id: true },
    });
    const report = await findReport(SYSTEM, slug, { from: scans[0].id, to: scans[1].id });
    expect(report.period).toMatchObject({
      kind: "scans",
      id: "week-1",
      start: "2025-10-05",
      end: "2025-10-11",
    });
    expect(report.scans.before?.id).toBe(scans[0].id);
    expect(report.scans.after?.id).toBe(scans[1].id);
    // Week 1 in the demo: 12 of 20 hardened at the start, all 20 at the end.
    expect(report.quality.find((q) => q.control === "run-as-non-root")).toMatchObject({ after: 1 });
    expect(report.hardening).toMatchObject({ hardened: 20, inScope: 20 });
    // Week 1 has no network policies or PDBs yet: those are their own remaining lines, not 20 "still failing".
    expect(report.remaining.namespacesWithoutDefaultDeny.length).toBeGreaterThan(0);
    expect(report.remaining.componentsWithoutPdb.length).toBeGreaterThan(0);
    expect(report.remaining.failingComponents.flatMap((c) => c.controls)).not.toContain("network-policy");
    expect(report.remaining.failingComponents.length).toBeLessThan(20);
    expect(report.notes.keyLearnings).toContain("Pattern-based approach");
    await expect(findReport(SYSTEM, slug, { from: scans[1].id, to: scans[0].id })).rejects.toThrow(
      ValidationError,
    );
    await expect(findReport(SYSTEM, slug, { from: scans[0].id })).rejects.toThrow(ValidationError);
  });

  it("defaults to the period of the latest scan and rejects unknown periods and environments", async () => {
    expect((await findReport(SYSTEM, slug)).period.id).toBe("week-6-8");
    expect((await findReport(SYSTEM, slug, { environment: "dev", period: "week-1" })).environment).toBe(
      "dev",
    );
    await expect(findReport(SYSTEM, slug, { period: "week-99" })).rejects.toThrow(NotFoundError);
    await expect(findReport(SYSTEM, slug, { environment: "staging" })).rejects.toThrow(NotFoundError);
  });

  it("leaves out ticks recorded after the period", async () => {
    const db = await getDb();
    await db.milestone.updateMany({
      where: { key: "rbac-all-endpoints", workStream: { phase: { project: { slug } } } },
      data: { doneAt: new Date("2025-11-01T10:00:00Z"), doneBy: "alice" },
    });
    const week1 = await findReport(SYSTEM, slug, { period: "week-1" });
    const final = await findReport(SYSTEM, slug, { period: "week-6-8" });
    const rbac = (r: typeof week1) => r.workStreams.find((w) => w.id === "rbac");
    expect(rbac(week1)?.done).toBe(0);
    expect(rbac(final)?.done).toBe(1);
  });

  it("answers 404 to those who may not read the project", async () => {
    const user = await createUser(SYSTEM, {
      name: "outsider",
      email: `${uniqueSlug("u")}@example.com`,
      password: "a-long-password-123",
    });
    const outsider: Actor = { kind: "user", userId: user.id, label: "outsider", instanceAdmin: false };
    const db = await getDb();
    await db.project.update({ where: { slug }, data: { visibility: "private" } });
    await expect(findReport(outsider, slug)).rejects.toThrow(NotFoundError);
  });
});

describe("updatePeriodNotes", () => {
  const slug = uniqueSlug("report-notes");
  beforeAll(() => loadDemoProgram({ slug }));

  it("writes the period's notes for the report, audited before → after, and refuses viewers", async () => {
    const notes = 'Handoff: <script>alert(1)</script> | =HYPERLINK("x")';
    expect(await updatePeriodNotes(SYSTEM, slug, "week-6-8", { handoff: notes })).toMatchObject({
      period: "week-6-8",
      handoff: notes,
      keyLearnings: "",
    });
    const report = await findReport(SYSTEM, slug, { period: "week-6-8" });
    expect(report.notes.handoff).toBe(notes);
    const db = await getDb();
    const entry = await db.auditLog.findFirstOrThrow({
      where: { project: { slug }, action: "period.notes" },
    });
    expect(entry).toMatchObject({
      target: "period week-6-8",
      before: { handoff: "" },
      after: { handoff: notes },
    });
    await expect(updatePeriodNotes(SYSTEM, slug, "week-99", { handoff: "x" })).rejects.toThrow(NotFoundError);
    await expect(updatePeriodNotes(ANONYMOUS, slug, "week-1", { handoff: "x" })).rejects.toThrow();
  });
});

describe("findReport without a roadmap", () => {
  const slug = uniqueSlug("report-bare");
  const scan = (takenAt: string, hardened: boolean) =>
    createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "staging", takenAt },
      result: scanOf({ "apps.yaml": `${deploymentYaml("api", { hardened })}---\n${deploymentYaml("web")}` }),
      source: "rampart",
    });
  beforeAll(() => createProject(SYSTEM, { slug, name: "Bare" }));

  it("needs a scan, reports a single scan alone, then any two scans of one environment", async () => {
    await expect(findReport(SYSTEM, slug)).rejects.toThrow(ValidationError);
    const first = await scan("2025-10-01T10:00:00Z", false);
    const single = await findReport(SYSTEM, slug);
    expect(single).toMatchObject({ phase: null, environment: "staging", scans: { before: null } });
    expect(single.scans.after?.id).toBe(first.id);

    const second = await scan("2025-10-08T10:00:00Z", true);
    const third = await scan("2025-10-15T10:00:00Z", false);
    const latest = await findReport(SYSTEM, slug, { generatedAt });
    expect(latest.scans.before?.id).toBe(second.id);
    expect(latest.scans.after?.id).toBe(third.id);
    expect(latest.changeTotals.regressed).toBeGreaterThan(0);
    expect(latest.resources).toEqual([
      expect.objectContaining({ environment: "staging", components: 2, hardened: 1, inScope: 2, files: 1 }),
    ]);

    const span = await findReport(SYSTEM, slug, { from: first.id, to: second.id, generatedAt });
    expect(reportSchema.parse(span)).toEqual(span);
    expect(span.period).toMatchObject({ kind: "scans", id: null, start: "2025-10-01", end: "2025-10-08" });
    expect(span.resources[0].scansInPeriod).toBe(2);
    expect(span.readiness).toMatchObject({ before: 0.5, after: 1 });
    // CIS: seccomp (5.7.2) fixed by the second scan; no NetworkPolicy in either (5.3.2).
    const cis = (id: string) => span.cis?.recommendations.find((r) => r.id === id);
    expect(cis("5.7.2")).toMatchObject({ controls: ["seccomp-profile"], before: false, after: true });
    expect(cis("5.3.2")).toMatchObject({ before: false, after: false });
    const fixed = span.cis?.recommendations.filter((r) => r.after && !r.before).length ?? 0;
    expect(span.cis?.after).toBe((span.cis?.before ?? 0) + fixed);
    const md = renderMarkdown(span);
    expect([...md.matchAll(/^## (.+)$/gm)].map((m) => m[1].replace(/ \(.*$/, ""))).toEqual(
      SECTIONS_WITHOUT_ROADMAP,
    );
    await expect(findReport(SYSTEM, slug, { period: "week-1" })).rejects.toThrow(NotFoundError);
    await expect(findReport(SYSTEM, slug, { from: second.id, to: first.id })).rejects.toThrow(
      ValidationError,
    );
  });
});
