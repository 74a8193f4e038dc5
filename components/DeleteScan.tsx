"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callProjectApi } from "@/lib/hooks/use-project-api";

/**
 * Deletes a scan (program admins) after a second, explicit confirmation, then shows the environment's scan
 * history, where the previous scan is the latest again.
 */
export function DeleteScan({
  slug,
  scanId,
  label,
  historyHref,
}: {
  slug: string;
  scanId: string;
  /** What the confirmation names, e.g. "the scan of production, 2026-03-01". */
  label: string;
  historyHref: string;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      callProjectApi(
        `/api/v1/projects/${encodeURIComponent(slug)}/scans/${encodeURIComponent(scanId)}`,
        "DELETE",
      ),
    onSuccess: () => {
      router.push(historyHref);
      router.refresh();
    },
  });
  return (
    <section aria-labelledby="delete-scan-heading">
      <h2 id="delete-scan-heading">Delete this scan</h2>
      <p className="muted">
        Removes the scan and its results; the previous scan of the environment becomes its latest again. The
        deletion is recorded in the audit log.
      </p>
      {confirming ? (
        <fieldset className="inline-form">
          <legend>Delete {label}? This cannot be undone.</legend>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {remove.isPending ? "Deleting…" : "Yes, delete the scan"}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </fieldset>
      ) : (
        <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
          Delete scan…
        </button>
      )}
      {remove.isError && (
        <p role="alert" className="alert alert-error">
          {remove.error.message}
        </p>
      )}
    </section>
  );
}
