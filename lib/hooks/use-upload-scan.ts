"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

export type UploadFile = { file: File; path: string };
export type UploadResult = {
  scan: { id: string; environment: string; created: boolean };
  workloads: number;
  errors: { file: string; document: number; message: string }[];
};
export type UploadPhase = "idle" | "uploading" | "scanning" | "done" | "error";

/**
 * Uploads manifests (or one result file) with XMLHttpRequest, the one browser API that reports upload progress,
 * then waits while the server scans and stores them.
 */
export function useUploadScan(slug: string) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState(0);
  const [phase, setPhase] = useState<UploadPhase>("idle");

  const mutation = useMutation({
    mutationFn: ({ files, environment }: { files: UploadFile[]; environment: string }) =>
      new Promise<UploadResult>((resolve, reject) => {
        const form = new FormData();
        for (const { file, path } of files) form.append("files", file, path);
        const xhr = new XMLHttpRequest();
        xhr.open(
          "POST",
          `/api/v1/projects/${encodeURIComponent(slug)}/uploads?environment=${encodeURIComponent(environment)}`,
        );
        xhr.responseType = "json";
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable) setProgress(e.loaded / e.total);
        };
        xhr.upload.onload = () => setPhase("scanning");
        xhr.onload = () => {
          if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response as UploadResult);
          else
            reject(
              new Error(
                (xhr.response as { error?: string } | null)?.error ?? `upload failed (HTTP ${xhr.status})`,
              ),
            );
        };
        xhr.onerror = () => reject(new Error("the server could not be reached"));
        setProgress(0);
        setPhase("uploading");
        xhr.send(form);
      }),
    onSuccess: () => {
      setPhase("done");
      queryClient.invalidateQueries({ queryKey: ["projects", slug] });
    },
    onError: () => setPhase("error"),
  });
  return { ...mutation, progress, phase };
}
