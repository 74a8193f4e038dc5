"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

/** Same-origin JSON call to the project API; throws the server's `error` message on a non-2xx answer. */
export async function callProjectApi<T>(path: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`);
  return json;
}

/** A mutation against the project API that re-renders the server components when it succeeds. */
export function useProjectMutation<TVariables, TResult>(fn: (variables: TVariables) => Promise<TResult>) {
  const router = useRouter();
  return useMutation({ mutationFn: fn, onSuccess: () => router.refresh() });
}
