"use client";

import { useId } from "react";
import { getIn, type Path, pathKey, setIn } from "./draft";
import styles from "./RoadmapEditor.module.css";
import { useEditor } from "./use-editor";

type FieldProps = { label: string; path: Path; hint?: string };

/** The validation messages for a field: its own, and (for lists) those of its items. */
function useFieldIssues(path: Path, withChildren: boolean): string[] {
  const { issues } = useEditor();
  const key = pathKey(path);
  return [...issues.entries()]
    .filter(([k]) => k === key || (withChildren && (k.startsWith(`${key}[`) || k.startsWith(`${key}.`))))
    .map(([, message]) => message);
}

function Messages({ id, messages, hint }: { id: string; messages: string[]; hint?: string }) {
  return (
    <>
      {hint && (
        <span id={`${id}-hint`} className="muted">
          {hint}
        </span>
      )}
      {messages.length > 0 && (
        <span id={`${id}-error`} className={styles.fieldError}>
          {messages.join("; ")}
        </span>
      )}
    </>
  );
}

function describedBy(id: string, messages: string[], hint?: string) {
  const ids = [hint ? `${id}-hint` : "", messages.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": messages.length ? true : undefined };
}

export function TextField({
  label,
  path,
  hint,
  onRename,
  wide,
}: FieldProps & { onRename?: (from: string, to: string) => void; wide?: boolean }) {
  const { draft, update } = useEditor();
  const id = useId();
  const messages = useFieldIssues(path, false);
  const value = getIn(draft, path);
  return (
    <div className={`${styles.field}${wide ? ` ${styles.wide}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (onRename && typeof value === "string") onRename(value, next);
          else update(path, next);
        }}
        {...describedBy(id, messages, hint)}
      />
      <Messages id={id} messages={messages} hint={hint} />
    </div>
  );
}

export function NumberField({
  label,
  path,
  hint,
  min,
  max,
  step,
  scale = 1,
}: FieldProps & { min?: number; max?: number; step?: number; scale?: number }) {
  const { draft, update } = useEditor();
  const id = useId();
  const messages = useFieldIssues(path, false);
  const value = getIn(draft, path);
  return (
    <div className={`${styles.field} ${styles.narrow}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step ?? "any"}
        // `scale` shows a 0..1 ratio as a percentage; rounding hides float noise (0.7 × 100).
        value={typeof value === "number" ? Math.round(value * scale * 1000) / 1000 : ""}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          update(path, raw === "" ? undefined : Number(raw) / scale);
        }}
        {...describedBy(id, messages, hint)}
      />
      <Messages id={id} messages={messages} hint={hint} />
    </div>
  );
}

export function DateField({ label, path, hint }: FieldProps) {
  const { draft, update } = useEditor();
  const id = useId();
  const messages = useFieldIssues(path, false);
  const value = getIn(draft, path);
  return (
    <div className={`${styles.field} ${styles.narrow}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={typeof value === "string" ? value : ""}
        onChange={(e) => update(path, e.currentTarget.value)}
        {...describedBy(id, messages, hint)}
      />
      <Messages id={id} messages={messages} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  path,
  hint,
  options,
  optional,
}: FieldProps & { options: readonly { value: string; label: string }[]; optional?: string }) {
  const { draft, update } = useEditor();
  const id = useId();
  const messages = useFieldIssues(path, false);
  const value = getIn(draft, path);
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => update(path, e.currentTarget.value || undefined)}
        {...describedBy(id, messages, hint)}
      >
        {optional !== undefined && <option value="">{optional}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={id} messages={messages} hint={hint} />
    </div>
  );
}

/** A list of strings edited one per line (period goals). */
export function LinesField({ label, path, hint }: FieldProps) {
  const { draft, update } = useEditor();
  const id = useId();
  const messages = useFieldIssues(path, true);
  const value = getIn(draft, path);
  return (
    <div className={`${styles.field} ${styles.wide}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={2}
        value={Array.isArray(value) ? value.join("\n") : ""}
        onChange={(e) =>
          update(
            path,
            e.currentTarget.value.split("\n").filter((line, i, all) => line.trim() || i === all.length - 1),
          )
        }
        {...describedBy(id, messages, hint)}
      />
      <Messages id={id} messages={messages} hint={hint} />
    </div>
  );
}

/** Several values picked among `options` (the controls of a rule, the milestones a criterion waits for). */
export function ChecklistField({
  label,
  path,
  hint,
  options,
}: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const { draft, update } = useEditor();
  const id = useId();
  const messages = useFieldIssues(path, true);
  const value = getIn(draft, path);
  const selected = Array.isArray(value) ? (value as string[]) : [];
  return (
    <fieldset className={styles.checklist} {...describedBy(id, messages, hint)}>
      <legend>{label}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox"
            checked={selected.includes(o.value)}
            onChange={(e) =>
              update(
                path,
                e.currentTarget.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value),
              )
            }
          />{" "}
          {o.label}
        </label>
      ))}
      {/* Values the file names that are not offered stay visible, so that saving never drops them silently. */}
      {selected
        .filter((v) => !options.some((o) => o.value === v))
        .map((v) => (
          <label key={v}>
            <input
              type="checkbox"
              checked
              onChange={() =>
                update(
                  path,
                  selected.filter((s) => s !== v),
                )
              }
            />{" "}
            {v}
          </label>
        ))}
      <Messages id={id} messages={messages} hint={hint} />
    </fieldset>
  );
}

/** A button that removes the item at `path` from its list. */
export function RemoveButton({ path, what }: { path: Path; what: string }) {
  const { change } = useEditor();
  const list = path.slice(0, -1);
  const index = path[path.length - 1] as number;
  return (
    <button
      type="button"
      className={`button ${styles.remove}`}
      aria-label={`Remove ${what}`}
      onClick={() =>
        change((d) =>
          setIn(
            d,
            list,
            (getIn(d, list) as unknown[]).filter((_, i) => i !== index),
          ),
        )
      }
    >
      Remove
    </button>
  );
}

/** A choice that rebuilds part of the draft (a rule's or a metric's kind) rather than setting one value. */
export function ChoiceField({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
