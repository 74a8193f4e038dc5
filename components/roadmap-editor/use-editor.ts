"use client";

import { createContext, useContext } from "react";
import type { Draft, Issues, Path } from "./draft";

export type EditorContextValue = {
  draft: Draft;
  /** Sets the value at `path` (undefined removes an optional field). */
  update: (path: Path, value: unknown) => void;
  /** Replaces the draft through a function of it (adding, removing, renaming with references). */
  change: (fn: (draft: Draft) => Draft) => void;
  issues: Issues;
  /** Environment names a rule, stream or metric may refer to. */
  environments: string[];
  /** Controls a rule, stream or metric may name: built-in, then the program's custom ones (controlChoices). */
  controls: { value: string; label: string }[];
};

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("roadmap editor fields must be inside <RoadmapEditor>");
  return value;
}
