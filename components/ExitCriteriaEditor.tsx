"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import {
  ExitCriteriaChecklist,
  type ExitCriteriaChecklistProps,
} from "@/components/dashboard/ExitCriteriaChecklist";
import { callProjectApi } from "@/lib/hooks/use-project-api";
import type { DoneOnRange } from "./DoneOnInput";

type Toggle = { id: string; met: boolean; note: string; doneOn?: string };

/**
 * The exit criteria checklist; editors tick manual criteria (optimistically, rolled back on error) with the day
 * the work was done.
 */
export function ExitCriteriaEditor({
  slug,
  criteria,
  phaseName,
  canEdit,
  doneOnRange,
}: {
  slug: string;
  criteria: NonNullable<ExitCriteriaChecklistProps["criteria"]>;
  phaseName?: string;
  canEdit: boolean;
  /** The days a tick's done-on may take: the phase's start to today (default today). */
  doneOnRange: DoneOnRange;
}) {
  const router = useRouter();
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});
  // The server's answer (after router.refresh()) replaces the optimistic state.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the server's props change
  useEffect(() => setOverrides({}), [criteria]);
  const [error, setError] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: ({ id, met, note, doneOn }: Toggle) =>
      callProjectApi(`/api/v1/projects/${slug}/exit-criteria/${encodeURIComponent(id)}`, "PUT", {
        met,
        ...(note ? { note } : {}),
        ...(met && doneOn ? { doneOn } : {}),
      }),
    onMutate: ({ id, met }: Toggle) => {
      setError(null);
      const had = id in overrides;
      const previous = overrides[id];
      setOverrides((o) => ({ ...o, [id]: met }));
      return { id, had, previous };
    },
    onError: (err, _vars, context) => {
      if (context)
        setOverrides((o) => {
          const next = { ...o };
          if (context.had) next[context.id] = context.previous as boolean;
          else delete next[context.id];
          return next;
        });
      setError(err instanceof Error ? err.message : String(err));
    },
    onSuccess: () => router.refresh(),
  });
  const shown = useMemo(() => {
    const apply = <T extends { id: string; met: boolean; automatic: boolean }>(c: T): T =>
      !c.automatic && c.id in overrides ? { ...c, met: overrides[c.id] } : c;
    return {
      periods: criteria.periods.map((p) => ({ ...p, criteria: p.criteria.map(apply) })),
      phase: criteria.phase.map(apply),
    };
  }, [criteria, overrides]);
  const pending = useMemo(
    () => new Set(toggle.isPending && toggle.variables ? [toggle.variables.id] : []),
    [toggle.isPending, toggle.variables],
  );
  return (
    <>
      {error ? (
        <p role="alert" className="card">
          Could not save: {error}
        </p>
      ) : null}
      <ExitCriteriaChecklist
        criteria={shown}
        phaseName={phaseName}
        pending={pending}
        doneOnRange={doneOnRange}
        onToggle={canEdit ? (id, met, note, doneOn) => toggle.mutate({ id, met, note, doneOn }) : undefined}
      />
    </>
  );
}
