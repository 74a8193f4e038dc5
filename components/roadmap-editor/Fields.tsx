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

/** A field's id, messages, value and setter. */
function useField(path: Path, withChildren = false) {
  const { draft, update } = useEditor();
  const id = useId();
  const messages = useFieldIssues(path, withChildren);
  return { id, messages, value: getIn(draft, path), set: (value: unknown) => update(path, value) };
}

/** A labelled control with its hint and messages. */
function FieldFrame({
  id,
  label,
  messages,
  hint,
  className = styles.field,
  children,
}: {
  id: string;
  label: string;
  messages: string[];
  hint?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children}
      <Messages id={id} messages={messages} hint={hint} />
    </div>
  );
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

export function TextField({
  label,
  path,
  hint,
  onRename,
  wide,
}: FieldProps & { onRename?: (from: string, to: string) => void; wide?: boolean }) {
  const f = useField(path);
  return (
    <FieldFrame
      {...f}
      label={label}
      hint={hint}
      className={`${styles.field}${wide ? ` ${styles.wide}` : ""}`}
    >
      <input
        id={f.id}
        value={text(f.value)}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (onRename && typeof f.value === "string") onRename(f.value, next);
          else f.set(next);
        }}
        {...describedBy(f.id, f.messages, hint)}
      />
    </FieldFrame>
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
  const f = useField(path);
  return (
    <FieldFrame {...f} label={label} hint={hint} className={`${styles.field} ${styles.narrow}`}>
      <input
        id={f.id}
        type="number"
        min={min}
        max={max}
        step={step ?? "any"}
        // `scale` shows a 0..1 ratio as a percentage; rounding hides float noise (0.7 × 100).
        value={typeof f.value === "number" ? Math.round(f.value * scale * 1000) / 1000 : ""}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          f.set(raw === "" ? undefined : Number(raw) / scale);
        }}
        {...describedBy(f.id, f.messages, hint)}
      />
    </FieldFrame>
  );
}

export function DateField({ label, path, hint }: FieldProps) {
  const f = useField(path);
  return (
    <FieldFrame {...f} label={label} hint={hint} className={`${styles.field} ${styles.narrow}`}>
      <input
        id={f.id}
        type="date"
        value={text(f.value)}
        onChange={(e) => f.set(e.currentTarget.value)}
        {...describedBy(f.id, f.messages, hint)}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  path,
  hint,
  options,
  optional,
}: FieldProps & { options: readonly { value: string; label: string }[]; optional?: string }) {
  const f = useField(path);
  return (
    <FieldFrame {...f} label={label} hint={hint}>
      <select
        id={f.id}
        value={text(f.value)}
        onChange={(e) => f.set(e.currentTarget.value || undefined)}
        {...describedBy(f.id, f.messages, hint)}
      >
        {optional !== undefined && <option value="">{optional}</option>}
        <Options options={options} />
      </select>
    </FieldFrame>
  );
}

function Options({ options }: { options: readonly { value: string; label: string }[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

/** A list of strings edited one per line (period goals). */
export function LinesField({ label, path, hint }: FieldProps) {
  const f = useField(path, true);
  return (
    <FieldFrame {...f} label={label} hint={hint} className={`${styles.field} ${styles.wide}`}>
      <textarea
        id={f.id}
        rows={2}
        value={Array.isArray(f.value) ? f.value.join("\n") : ""}
        onChange={(e) =>
          f.set(
            e.currentTarget.value.split("\n").filter((line, i, all) => line.trim() || i === all.length - 1),
          )
        }
        {...describedBy(f.id, f.messages, hint)}
      />
    </FieldFrame>
  );
}

/** Several values picked among `options` (the controls of a rule, the milestones a criterion waits for). */
export function ChecklistField({
  label,
  path,
  hint,
  options,
}: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const { id, messages, value, set } = useField(path, true);
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
              set(e.currentTarget.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))
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
            <input type="checkbox" checked onChange={() => set(selected.filter((s) => s !== v))} /> {v}
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
        <Options options={options} />
      </select>
    </div>
  );
}
