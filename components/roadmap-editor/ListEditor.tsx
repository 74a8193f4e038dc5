"use client";

import type { ReactNode } from "react";
import { type Draft, getIn, type Path, setIn } from "./draft";
import { RemoveButton } from "./Fields";
import styles from "./RoadmapEditor.module.css";
import { useEditor } from "./use-editor";

/**
 * One list of the roadmap (periods, work streams, milestones, exit criteria, metrics): a group with a fieldset per
 * item (its legend, its fields, a Remove button) and an Add button that appends `create(draft, list)`.
 */
export function ListEditor<T>({
  title,
  path,
  noun,
  nameOf,
  create,
  renderItem,
  addLabel = `Add ${noun}`,
  addAriaLabel,
  intro,
  footer,
}: {
  title: string;
  /** Where the list is in the draft (absent: empty). */
  path: Path;
  /** What one item is called, lower case ("work stream"): legends, Remove and Add labels. */
  noun: string;
  /** The item's name as typed (its legend), empty while it has none. */
  nameOf: (item: T) => string;
  /** A new item, from the draft (unique ids) and the current list. */
  create: (draft: Draft, list: T[]) => T;
  /** The item's fields; `at` is its path. */
  renderItem: (item: T, at: Path, index: number) => ReactNode;
  addLabel?: string;
  addAriaLabel?: string;
  intro?: ReactNode;
  footer?: ReactNode;
}) {
  const { draft, change } = useEditor();
  const items = (getIn(draft, path) as T[] | undefined) ?? [];
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <fieldset className={styles.group}>
      <legend>{title}</legend>
      {intro}
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an item's id is edited in place; fields keep no state of their own
        <fieldset key={i} className={styles.item}>
          <legend>{nameOf(item) || `${Noun} ${i + 1}`}</legend>
          {renderItem(item, [...path, i], i)}
          <RemoveButton path={[...path, i]} what={`${noun} ${nameOf(item) || i + 1}`} />
        </fieldset>
      ))}
      <button
        type="button"
        className="button"
        aria-label={addAriaLabel}
        onClick={() =>
          change((d) => {
            const list = (getIn(d, path) as T[] | undefined) ?? [];
            return setIn(d, path, [...list, create(d, list)]);
          })
        }
      >
        {addLabel}
      </button>
      {footer}
    </fieldset>
  );
}
