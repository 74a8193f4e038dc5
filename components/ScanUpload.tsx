"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { type UploadFile, useUploadScan } from "@/lib/hooks/use-upload-scan";
import { SLUG_PATTERN } from "@/lib/validations/html-patterns";

const ACCEPTED = /\.(ya?ml|json)$/i;

/** Reads a dropped folder recursively (webkitGetAsEntry), keeping each file's folder-relative path. */
async function filesFromEntry(entry: FileSystemEntry, prefix = ""): Promise<UploadFile[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    return [{ file, path: `${prefix}${file.name}` }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const nested = await Promise.all(children.map((child) => filesFromEntry(child, `${prefix}${entry.name}/`)));
  return nested.flat();
}

const fromInput = (list: FileList | null): UploadFile[] =>
  Array.from(list ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));

export function ScanUpload({ slug, environments }: { slug: string; environments: string[] }) {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [environment, setEnvironment] = useState(
    environments.includes("production") ? "production" : (environments[0] ?? "production"),
  );
  const [dragging, setDragging] = useState(false);
  const upload = useUploadScan(slug);
  const ids = { env: useId(), files: useId(), folder: useId(), list: useId() };
  const manifests = files.filter((f) => ACCEPTED.test(f.path));
  const totalBytes = manifests.reduce((n, f) => n + f.file.size, 0);

  async function onDrop(event: React.DragEvent) {
    event.preventDefault();
    setDragging(false);
    const entries = Array.from(event.dataTransfer.items)
      .map((item) => item.webkitGetAsEntry?.())
      .filter((e): e is FileSystemEntry => Boolean(e));
    setFiles(
      entries.length
        ? (await Promise.all(entries.map((e) => filesFromEntry(e)))).flat()
        : fromInput(event.dataTransfer.files),
    );
  }

  return (
    <form
      className="card upload-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (manifests.length) upload.mutate({ files: manifests, environment });
      }}
    >
      <div className="field">
        <label htmlFor={ids.env}>Environment</label>
        <input
          id={ids.env}
          list={ids.list}
          value={environment}
          onChange={(e) => setEnvironment(e.target.value.trim().toLowerCase())}
          required
          pattern={SLUG_PATTERN}
          title="lower-case letters, digits and dashes"
        />
        <datalist id={ids.list}>
          {environments.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>

      <section
        aria-label="Drop manifests or a result file here"
        className={`drop-zone${dragging ? " drop-zone-active" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>
          Drop Kubernetes manifests (files or a folder), or one result file: Rampart JSON, Polaris,
          kube-score, Kubescape or SARIF.
        </p>
        <div className="drop-zone-buttons">
          <label htmlFor={ids.files} className="button">
            Choose files
          </label>
          <input
            id={ids.files}
            className="visually-hidden"
            type="file"
            multiple
            accept=".yaml,.yml,.json"
            onChange={(e) => setFiles(fromInput(e.target.files))}
          />
          <label htmlFor={ids.folder} className="button">
            Choose a folder
          </label>
          <input
            id={ids.folder}
            // React has no prop for it: folder selection is the non-standard (but universal) webkitdirectory.
            ref={(el) => el?.setAttribute("webkitdirectory", "")}
            className="visually-hidden"
            type="file"
            multiple
            onChange={(e) => setFiles(fromInput(e.target.files))}
          />
        </div>
        <p className="muted" aria-live="polite">
          {files.length === 0
            ? "No files selected."
            : `${manifests.length} manifest file(s) selected (${(totalBytes / 1024).toFixed(1)} KiB)${
                files.length > manifests.length
                  ? `; ${files.length - manifests.length} other file(s) ignored`
                  : ""
              }.`}
        </p>
      </section>

      <button
        type="submit"
        className="button button-primary"
        disabled={!manifests.length || upload.isPending}
      >
        Upload and scan
      </button>

      {upload.phase === "uploading" && (
        <p>
          <label>
            Uploading… <progress value={upload.progress} max={1} aria-label="Upload progress" />{" "}
            {Math.round(upload.progress * 100)}%
          </label>
        </p>
      )}
      {upload.phase === "scanning" && (
        <p role="status">
          Scanning and storing on the server… <progress aria-label="Scanning" />
        </p>
      )}
      {upload.isError && (
        <p role="alert" className="alert alert-error">
          {upload.error.message}
        </p>
      )}
      {upload.isSuccess && (
        <div role="status" className="alert alert-ok">
          <p>
            {upload.data.scan.created ? "Stored" : "Already stored:"} scan of{" "}
            <strong>{upload.data.scan.environment}</strong> with {upload.data.workloads} workload(s)
            {upload.data.errors.length ? ` and ${upload.data.errors.length} file error(s)` : ""}.{" "}
            <Link href={`/projects/${slug}`}>Back to the program</Link>
          </p>
          {upload.data.errors.length > 0 && (
            <ul>
              {upload.data.errors.map((e) => (
                <li key={`${e.file}:${e.document}`}>
                  <code>{e.file}</code> (document {e.document}): {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
