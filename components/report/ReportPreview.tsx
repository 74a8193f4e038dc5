"use client";

import { useEffect, useState } from "react";

const LOADING = '<p style="font-family: sans-serif; color: #57606a">Loading the preview…</p>';

/**
 * The report's HTML (the PDF's own document) in a sandboxed frame: no scripts, no access to this page. Fetched from
 * the report's `format=html` download after the page has loaded, so the page does not carry the document twice
 * (as the frame's attribute and again in the page's React payload, 180 kB each for a 500-component program).
 * `stamp` changes with every render of the report (its generation time): a refresh after the notes are saved
 * fetches the document again. Without JavaScript, a link opens the document.
 */
export function ReportPreview({ url, stamp, className }: { url: string; stamp: string; className?: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    // `stamp` is not read here: a new one (the report rendered again) is what makes this fetch run again.
    void stamp;
    const abort = new AbortController();
    setFailed(false);
    fetch(url, { signal: abort.signal, cache: "no-store", headers: { accept: "text/html" } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`the preview answered ${response.status}`);
        setHtml(await response.text());
      })
      .catch(() => {
        if (!abort.signal.aborted) setFailed(true);
      });
    return () => abort.abort();
  }, [url, stamp]);
  return (
    <>
      {failed ? (
        <p role="alert" className="card">
          The preview could not be loaded: <a href={url}>open the report as HTML</a>.
        </p>
      ) : null}
      <iframe className={className} title="Report preview" sandbox="" srcDoc={html ?? LOADING} />
      <noscript>
        <p>
          <a href={url}>Open the report as HTML</a>.
        </p>
      </noscript>
    </>
  );
}
