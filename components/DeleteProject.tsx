"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callProjectApi } from "@/lib/hooks/use-project-api";

/** Deletes the program after its slug is typed again; the server checks the same confirmation. */
export function DeleteProject({ slug }: { slug: string }) {
  const router = useRouter();
  const inputId = useId();
  const [confirm, setConfirm] = useState("");
  const remove = useMutation({
    mutationFn: () => callProjectApi(`/api/v1/projects/${encodeURIComponent(slug)}`, "DELETE", { confirm }),
    onSuccess: () => {
      router.push("/");
      router.refresh();
    },
  });
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete this program</h2>
      <p className="muted">
        Deletes its scans, components, roadmap, exceptions, reports' notes, members, API tokens and audit log.
        This cannot be undone; the deletion itself stays in the instance's audit log.
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          remove.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>
            Type <code>{slug}</code> to confirm
          </label>
          <input
            id={inputId}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            autoComplete="off"
          />
        </div>
        <button
          type="submit"
          className="button button-danger"
          disabled={confirm !== slug || remove.isPending}
        >
          {remove.isPending ? "Deleting…" : "Delete program"}
        </button>
      </form>
      {remove.isError && (
        <p role="alert" className="alert alert-error">
          {remove.error.message}
        </p>
      )}
    </section>
  );
}
