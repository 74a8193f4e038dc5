import { useId } from "react";
import { TableScroll } from "@/components/TableScroll";
import type {
  CategoryDiff,
  ComponentRef,
  ControlChange,
  PolicyChange,
  ScanDiff,
} from "@/lib/diff/diff-scans";
import styles from "./Dashboard.module.css";
import own from "./ScanDiffView.module.css";

export type ScanDiffViewProps = {
  /** diffScans(before, after) (lib/diff), e.g. from the scan-diff API. */
  diff: ScanDiff | null | undefined;
  /** "2025-10-05 scan" / "2025-10-12 scan" for the caption. */
  beforeLabel?: string;
  afterLabel?: string;
};

const COUNT_KEYS: { key: keyof CategoryDiff; label: string }[] = [
  { key: "regressed", label: "Regressed" },
  { key: "fixed", label: "Fixed" },
  { key: "waived", label: "Waived" },
  { key: "unwaived", label: "Fix withdrawn (waived)" },
  { key: "added", label: "Added" },
  { key: "removed", label: "Removed" },
];

const componentText = (c: ComponentRef) => `${c.kind} ${c.namespace}/${c.name}`;
const changeKey = (c: ControlChange) => `${c.kind}/${c.namespace}/${c.name}/${c.control}`;

function ChangeList({
  title,
  changes,
  className,
  icon,
}: {
  title: string;
  changes: readonly ControlChange[];
  className?: string;
  icon: string;
}) {
  const id = useId();
  return (
    <section className={`card ${className ?? ""}`} aria-labelledby={id}>
      <h3 id={id}>
        <span aria-hidden="true">{icon} </span>
        {title} ({changes.length})
      </h3>
      {changes.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {changes.map((c) => (
            <li key={changeKey(c)}>
              <strong>{componentText(c)}</strong> <span className="muted">({c.category})</span>:{" "}
              <code>{c.control}</code> {c.from} → {c.to}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ComponentList({
  title,
  components,
  icon,
}: {
  title: string;
  components: readonly ComponentRef[];
  icon: string;
}) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>
        <span aria-hidden="true">{icon} </span>
        {title} ({components.length})
      </h3>
      {components.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {components.map((c) => (
            <li key={componentText(c)}>
              <strong>{componentText(c)}</strong> <span className="muted">({c.category})</span>{" "}
              <code>{c.file}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Policies whose text changed between the scans: their result changes are listed here, not as fixes or regressions. */
function PolicyChangeList({ changes }: { changes: readonly PolicyChange[] }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>
        <span aria-hidden="true">✎ </span>
        Policy text changed ({changes.length})
      </h3>
      <p className="muted">
        The policy was edited between the scans: its result changes measure the new rule, so they are not
        counted as fixed or regressed.
      </p>
      <ul>
        {changes.map((p) => (
          <li key={p.control}>
            <code>{p.control}</code>: policy text changed (<code>{p.fromHash}</code> → <code>{p.toHash}</code>
            ), {p.changes === 1 ? "1 result change" : `${p.changes} result changes`} not counted
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A ScanDiff as summary counts, a per-category table and lists of what changed (regressions first). */
export function ScanDiffView({
  diff,
  beforeLabel = "previous scan",
  afterLabel = "this scan",
}: ScanDiffViewProps) {
  if (!diff) return <p className="card muted">No earlier scan to compare with.</p>;
  const t = diff.totals;
  const changed = COUNT_KEYS.some(({ key }) => t[key] > 0);
  const categories = Object.entries(diff.byCategory).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-label={`Changes from ${beforeLabel} to ${afterLabel}`}>
      <p className="muted">
        Changes from {beforeLabel} to {afterLabel}.
      </p>
      <dl className={own.summary}>
        {COUNT_KEYS.map(({ key, label }) => (
          <div key={key} className={key === "regressed" && t.regressed > 0 ? own.regressedTile : undefined}>
            <dt>{label}</dt>
            <dd>{t[key]}</dd>
          </div>
        ))}
        <div>
          <dt>Unchanged components</dt>
          <dd>{t.unchanged}</dd>
        </div>
        {diff.policiesChanged.length > 0 && (
          <div>
            <dt>Policies changed</dt>
            <dd>{diff.policiesChanged.length}</dd>
          </div>
        )}
      </dl>
      {diff.policiesChanged.length > 0 && <PolicyChangeList changes={diff.policiesChanged} />}

      {!changed ? (
        <p className="card">No changes: {t.unchanged} components unchanged.</p>
      ) : (
        <>
          <TableScroll>
            <table className="data-table">
              <caption>
                <strong>Changes per category</strong>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  {COUNT_KEYS.map(({ key, label }) => (
                    <th key={key} scope="col" className={styles.numeric}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {categories.map(([name, c]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    {COUNT_KEYS.map(({ key }) => (
                      <td key={key} className={styles.numeric}>
                        {key === "regressed" && c.regressed > 0 ? <strong>{c.regressed}</strong> : c[key]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className={own.lists}>
            <ChangeList title="Regressed" changes={diff.regressed} className={own.regressed} icon="⚠" />
            <ChangeList title="Fixed" changes={diff.fixed} icon="✓" />
            <ChangeList title="Waived (exception now covers it)" changes={diff.waived} icon="⚑" />
            {diff.unwaived.length > 0 && (
              <ChangeList title="Fix withdrawn behind an exception" changes={diff.unwaived} icon="⚑" />
            )}
            <ComponentList title="Added components" components={diff.added} icon="+" />
            <ComponentList title="Removed components" components={diff.removed} icon="−" />
          </div>
        </>
      )}
    </section>
  );
}
