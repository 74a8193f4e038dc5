"use client";

import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { DataTable } from "@/components/DataTable";
import { Badge } from "@/components/dashboard/StatusBadge";
import { callProjectApi, useProjectMutation } from "@/lib/hooks/use-project-api";
import type { StoredExceptionItem } from "@/lib/server/find-exceptions";
import { EMPTY_DRAFT, type ExceptionDraft, ExceptionForm } from "./ExceptionForm";
import { ExpiryBadge, selectorText } from "./expiry";
import styles from "./Exceptions.module.css";

type StateFilter = "all" | "active" | "expiring" | "expired";
type Sort = "expiry" | "control" | "owner" | "newest";

const SORTS: Record<Sort, (a: StoredExceptionItem, b: StoredExceptionItem) => number> = {
  // Expired first, then the soonest to expire; "never" last.
  expiry: (a, b) => (a.expires ?? "9999").localeCompare(b.expires ?? "9999"),
  control: (a, b) => a.control.localeCompare(b.control) || a.owner.localeCompare(b.owner),
  owner: (a, b) => a.owner.localeCompare(b.owner) || a.control.localeCompare(b.control),
  newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
};

const draftOf = (e: StoredExceptionItem): ExceptionDraft => ({
  control: e.control,
  kind: e.selector.kind ?? "",
  namespace: e.selector.namespace ?? "",
  name: e.selector.name ?? "",
  environment: e.environment ?? "",
  justification: e.justification,
  owner: e.owner,
  expires: e.expires ?? "",
});

/**
 * The stored exceptions with filters (expiry state, control, text) and a sort; editors add, edit and revoke them.
 * Each row says what the exception waives now in each environment's latest scan.
 */
export function ExceptionManager({
  slug,
  items,
  canEdit,
  controls,
  environments,
  expiringWithinDays,
}: {
  slug: string;
  items: readonly StoredExceptionItem[];
  canEdit: boolean;
  controls: readonly { id: string; title: string }[];
  environments: readonly string[];
  expiringWithinDays: number;
}) {
  const id = useId();
  const [state, setState] = useState<StateFilter>("all");
  const [control, setControl] = useState("");
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<Sort>("expiry");
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useProjectMutation((exceptionId: string) =>
    callProjectApi(`/api/v1/projects/${slug}/exceptions/${encodeURIComponent(exceptionId)}`, "DELETE"),
  );

  const used = useMemo(() => [...new Set(items.map((e) => e.control))].sort(), [items]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return items
      .filter((e) => state === "all" || e.state === state)
      .filter((e) => !control || e.control === control)
      .filter(
        (e) =>
          !q ||
          [e.justification, e.owner, e.control, e.controlTitle, selectorText(e.selector), e.createdBy]
            .concat(e.components.map((c) => c.name))
            .some((text) => text.toLowerCase().includes(q)),
      )
      .sort(SORTS[sort]);
  }, [items, state, control, query, sort]);
  const counts = {
    expired: items.filter((e) => e.state === "expired").length,
    expiring: items.filter((e) => e.state === "expiring").length,
  };

  return (
    <div className={styles.manager}>
      <p>
        <strong>{items.length}</strong> stored {items.length === 1 ? "exception" : "exceptions"}:{" "}
        <span className={counts.expired ? styles.expiredText : undefined}>{counts.expired} expired</span>,{" "}
        {counts.expiring} expiring within {expiringWithinDays} days.
      </p>
      {canEdit ? (
        editing === "new" ? (
          <ExceptionForm
            slug={slug}
            initial={EMPTY_DRAFT}
            controls={controls}
            environments={environments}
            onDone={() => setEditing(null)}
          />
        ) : (
          <button type="button" className="button button-primary" onClick={() => setEditing("new")}>
            Add an exception
          </button>
        )
      ) : null}
      {items.length > 0 ? (
        <fieldset className={styles.filters}>
          <legend className="visually-hidden">Filter and sort the exceptions</legend>
          <div className="field">
            <label htmlFor={`${id}-state`}>State</label>
            <select
              id={`${id}-state`}
              value={state}
              onChange={(e) => setState(e.target.value as StateFilter)}
            >
              <option value="all">All</option>
              <option value="active">Active</option>
              <option value="expiring">Expiring within {expiringWithinDays} days</option>
              <option value="expired">Expired</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-control`}>Control</label>
            <select id={`${id}-control`} value={control} onChange={(e) => setControl(e.target.value)}>
              <option value="">All</option>
              {used.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-q`}>Search</label>
            <input
              id={`${id}-q`}
              type="search"
              placeholder="owner, justification, component…"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-sort`}>Sort by</label>
            <select id={`${id}-sort`} value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
              <option value="expiry">Expiry (soonest first)</option>
              <option value="control">Control</option>
              <option value="owner">Owner</option>
              <option value="newest">Newest</option>
            </select>
          </div>
        </fieldset>
      ) : null}
      {revoke.error ? (
        <p role="alert" className="alert alert-error">
          Not revoked: {revoke.error.message}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="card muted">No stored exception: every failing control counts as failing.</p>
      ) : shown.length === 0 ? (
        <p className="card muted">No exception matches these filters.</p>
      ) : (
        <DataTable
          caption={`Stored exceptions (${shown.length} of ${items.length} shown)`}
          hideCaption
          columns={["Control", "Applies to", "Justification", "Owner", "Expires", "Waives now", "Source", ""]}
        >
          {shown.map((e) =>
            editing === e.id ? (
              <tr key={e.id} id={`exception-${e.id}`}>
                <td colSpan={8}>
                  <ExceptionForm
                    slug={slug}
                    exceptionId={e.id}
                    initial={draftOf(e)}
                    controls={controls}
                    environments={environments}
                    onDone={() => setEditing(null)}
                  />
                </td>
              </tr>
            ) : (
              <tr
                key={e.id}
                id={`exception-${e.id}`}
                className={
                  e.state === "expired"
                    ? styles.expiredRow
                    : e.state === "expiring"
                      ? styles.expiringRow
                      : undefined
                }
                data-state={e.state}
              >
                <th scope="row">
                  {e.controlTitle}
                  <br />
                  <code>{e.control}</code>
                </th>
                <td>
                  {selectorText(e.selector)}
                  <br />
                  <span className="muted">{e.environment ?? "every environment"}</span>
                </td>
                <td className={styles.justification}>{e.justification}</td>
                <td>{e.owner}</td>
                <td>
                  {e.expires ?? "never"}
                  <br />
                  <ExpiryBadge state={e.state} daysLeft={e.daysLeft} />
                </td>
                <td>
                  <WaivedComponents slug={slug} item={e} />
                </td>
                <td className="muted">
                  Stored, added by {e.createdBy} on {e.createdAt.slice(0, 10)}
                  {e.updatedAt.slice(0, 19) !== e.createdAt.slice(0, 19)
                    ? `, edited ${e.updatedAt.slice(0, 10)}`
                    : ""}
                </td>
                <td className={styles.actions}>
                  {canEdit ? (
                    confirming === e.id ? (
                      <>
                        <button
                          type="button"
                          className="button"
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate(e.id, { onSettled: () => setConfirming(null) })}
                        >
                          Confirm revoke
                        </button>
                        <button type="button" className="button" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="button"
                          aria-label={`Edit the exception for ${e.control} (${selectorText(e.selector)})`}
                          onClick={() => setEditing(e.id)}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="button"
                          aria-label={`Revoke the exception for ${e.control} (${selectorText(e.selector)})`}
                          onClick={() => setConfirming(e.id)}
                        >
                          Revoke
                        </button>
                      </>
                    )
                  ) : null}
                </td>
              </tr>
            ),
          )}
        </DataTable>
      )}
    </div>
  );
}

function WaivedComponents({ slug, item }: { slug: string; item: StoredExceptionItem }) {
  const waived = item.components.filter((c) => c.status === "waived");
  const failing = item.components.filter((c) => c.status === "fail");
  if (item.components.length === 0) {
    return <span className="muted">No component of the latest scans matches.</span>;
  }
  return (
    <>
      {waived.length > 0 ? (
        <ul className={styles.componentList}>
          {waived.map((c) => (
            <li key={c.componentId}>
              <Link href={`/projects/${slug}/components/${c.componentId}`}>{c.name}</Link>{" "}
              <span className="muted">({c.environment})</span>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">Nothing.</span>
      )}
      {failing.length > 0 ? (
        <p className={styles.failingNote}>
          <Badge tone="bad" icon="✗">
            {failing.length} failing
          </Badge>{" "}
          {failing.map((c) => c.name).join(", ")}
        </p>
      ) : null}
      {item.components.length > waived.length + failing.length ? (
        <p className="muted">
          {item.components.length - waived.length - failing.length} other matching (passing, n/a or waived by
          another exception)
        </p>
      ) : null}
    </>
  );
}
