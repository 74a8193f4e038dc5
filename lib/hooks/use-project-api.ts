"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

/** A refusal of the project API, with the input field it names when it names one (validation errors). */
export class ProjectApiError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ProjectApiError";
  }
}

/** Same-origin JSON call to the project API; throws the server's `error` message on a non-2xx answer. */
export async function callProjectApi<T>(path: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as T & { error?: string; field?: string };
  if (!response.ok) throw new ProjectApiError(json.error ?? `HTTP ${response.status}`, json.field);
  return json;
}

/** A mutation against the project API that re-renders the server components when it succeeds. */
export function useProjectMutation<TVariables, TResult>(fn: (variables: TVariables) => Promise<TResult>) {
  const router = useRouter();
  return useMutation({ mutationFn: fn, onSuccess: () => router.refresh() });
}
