import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FILTERS } from "@/components/dashboard/component-filters";
import { deploymentYaml, scanOf, uniqueSlug } from "@/test/factories";
import { SYSTEM } from "./actor";
import { findComponentIndex, findComponentPage } from "./component-table";
import { createException } from "./create-exception";
import { createProject } from "./create-project";
import { createScan } from "./create-scan";
import { getDb } from "./db";
import { deleteException } from "./delete-exception";
import { NotFoundError } from "./errors";
import { updateException } from "./update-exception";

const DAY = 86_400_000;
/** A day some weeks ahead, as an exception's `expires` (it waives through the end of that day, UTC). */
const expires = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
const endOfExpiryDay = new Date(`${expires}T23:59:59.999Z`);
const dayAfter = new Date(`${expires}T00:00:00.000Z`).getTime() + DAY;

/** Five Deployments: `legacy` runs as root, the other four are hardened. */
const manifests = {
  "a.yaml": ["alpha", "bravo", "charlie", "delta"].map((n) => deploymentYaml(n)).join("---\n"),
  "b.yaml": deploymentYaml("legacy", { hardened: false }),
};

describe("the components table's rows, kept per scan and exceptions state", () => {
  const slug = uniqueSlug("component-table");

  beforeAll(async () => {
    await createProject(SYSTEM, { slug, name: "Component table" });
    await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "production" },
      result: scanOf(manifests),
      source: "rampart",
    });
  });

  const page = (options: Partial<Parameters<typeof findComponentPage>[2]> = {}) =>
    findComponentPage(SYSTEM, slug, { filters: DEFAULT_FILTERS, page: 1, size: 2, ...options });
  const legacy = async (now?: Date) => {
    const { index } = await findComponentIndex(SYSTEM, slug, { now });
    const row = index?.rows.find((r) => r.name === "legacy");
    if (!row) throw new Error("no legacy row");
    return row;
  };

  it("pages the rows with the filters and sort applied; a page past the end is the last one", async () => {
    const pages = await Promise.all([1, 2, 3].map((p) => page({ page: p })));
    expect(pages.map((p) => p.rows.map((r) => r.name))).toEqual([
      ["alpha", "bravo"],
      ["charlie", "delta"],
      ["legacy"],
    ]);
    expect(
      pages.map((p) => [p.paging?.page, p.paging?.pageCount, p.paging?.matching, p.paging?.total]),
    ).toEqual([
      [1, 3, 5, 5],
      [2, 3, 5, 5],
      [3, 3, 5, 5],
    ]);
    expect((await page({ page: 99 })).paging?.page).toBe(3);
    const failing = await page({ filters: { ...DEFAULT_FILTERS, failing: "run-as-non-root" } });
    expect([failing.rows.map((r) => r.name), failing.paging?.matching, failing.paging?.pageCount]).toEqual([
      ["legacy"],
      1,
      1,
    ]);
    const byName = await page({ filters: { ...DEFAULT_FILTERS, sort: "name", dir: "desc" } });
    expect(byName.rows.map((r) => r.name)).toEqual(["legacy", "delta"]);
    expect(byName.paging?.options.failing).toContain("run-as-non-root");
    expect([byName.environment, byName.environments, byName.scan?.id]).toEqual([
      "production",
      ["production"],
      expect.any(String),
    ]);
  });

  it("computes the rows once for the same scan and state: a second request gets the same index", async () => {
    const first = await findComponentIndex(SYSTEM, slug);
    const second = await findComponentIndex(SYSTEM, slug);
    expect(second.index).toBe(first.index);
  });

  it("changes the rows when an exception is created, edited, expires and is revoked", async () => {
    const before = await findComponentIndex(SYSTEM, slug);
    expect((await legacy()).failing).toContain("run-as-non-root");
    expect((await legacy()).hasException).toBe(false);

    const created = await createException(SYSTEM, slug, {
      selector: { kind: "Deployment", name: "legacy" },
      control: "run-as-non-root",
      justification: "Vendor image runs as root",
      owner: "apps-team",
      expires,
    });
    const waived = await legacy();
    expect(waived.failing).not.toContain("run-as-non-root");
    expect(waived.hasException).toBe(true);
    expect(waived.controls["run-as-non-root"]).toMatchObject({
      status: "waived",
      exception: { justification: "Vendor image runs as root", owner: "apps-team" },
    });
    expect((await findComponentIndex(SYSTEM, slug)).index).not.toBe(before.index);
    const exceptionOnly = await page({ filters: { ...DEFAULT_FILTERS, exception: "yes" } });
    expect(exceptionOnly.rows.map((r) => r.name)).toEqual(["legacy"]);

    await updateException(SYSTEM, slug, created.id, { justification: "Replaced in Q3", owner: "platform" });
    expect((await legacy()).controls["run-as-non-root"]?.exception).toMatchObject({
      justification: "Replaced in Q3",
      owner: "platform",
    });

    // The same exceptions, judged later: waived through the end of the expiry day, failing the day after.
    expect((await legacy(endOfExpiryDay)).hasException).toBe(true);
    const expired = await legacy(new Date(dayAfter));
    expect(expired.hasException).toBe(false);
    expect(expired.failing).toContain("run-as-non-root");
    // ...and a request judged now still sees it waived (the key holds how many exceptions have expired).
    expect((await legacy()).hasException).toBe(true);

    await deleteException(SYSTEM, slug, created.id);
    const revoked = await legacy();
    expect(revoked.hasException).toBe(false);
    expect(revoked.failing).toContain("run-as-non-root");
  });

  it("follows a category set by hand, and a newer scan", async () => {
    const db = await getDb();
    const row = await legacy();
    await db.component.update({ where: { id: row.componentId }, data: { categoryManual: "Vendor" } });
    expect((await legacy()).category).toBe("Vendor");
    expect(
      (await page({ filters: { ...DEFAULT_FILTERS, category: "Vendor" } })).rows.map((r) => r.name),
    ).toEqual(["legacy"]);
    await db.component.update({ where: { id: row.componentId }, data: { categoryManual: null } });
    expect((await legacy()).category).not.toBe("Vendor");

    await createScan({
      actor: SYSTEM,
      projectSlug: slug,
      meta: { environment: "production" },
      result: scanOf({ ...manifests, "c.yaml": deploymentYaml("echo") }, new Date()),
      source: "rampart",
    });
    const after = await page({ page: 3 });
    expect([after.rows.map((r) => r.name), after.paging?.total]).toEqual([["echo", "legacy"], 6]);
    expect((await page({ page: 2 })).rows.map((r) => r.name)).toEqual(["charlie", "delta"]);
  });

  it("answers no rows for a program without scans, and not found for an unknown one", async () => {
    const empty = uniqueSlug("component-table-empty");
    await createProject(SYSTEM, { slug: empty, name: "Empty" });
    const none = await findComponentPage(SYSTEM, empty, { filters: DEFAULT_FILTERS, page: 2 });
    expect([none.scan, none.paging, none.rows]).toEqual([null, null, []]);
    await expect(findComponentIndex(SYSTEM, uniqueSlug("nope"))).rejects.toBeInstanceOf(NotFoundError);
  });
});
