import { NextResponse } from "next/server";
import { MEDIA_TYPES, renderReportText, reportFileName } from "@/lib/report/export";
import { errorResponse } from "@/lib/http/error-response";
import { queryParams, routeParams } from "@/lib/validations/request-input";
import { getActor } from "@/lib/http/get-actor";
import { rateKey } from "@/lib/http/rate-key";
import { findReport, reportHtml } from "@/lib/server/find-report";
import { consumeRateLimit } from "@/lib/server/rate-limit";
import { PdfBusyError, PdfUnavailableError, renderReportPdf } from "@/lib/server/render-report-pdf";
import { reportQuerySchema } from "@/lib/validations/report";

/**
 * `?format=md|pdf|csv|json|html&environment=&period=` (or `&from=&to=` scan ids; `&table=metrics` for the CSV of
 * the hardening metrics): the session summary report as a download. PDF exports are rate limited per caller (429)
 * and bounded per process (503 when the render queue is full), both with Retry-After.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await routeParams(params);
    const actor = await getActor(request);
    const query = reportQuerySchema.parse(queryParams(request));
    // PDF costs Chromium work: limited per caller (in the database, so across processes) before anything runs.
    if (query.format === "pdf") await consumeRateLimit("pdf", rateKey(actor, request));
    const report = await findReport(actor, slug, {
      environment: query.environment,
      period: query.period,
      from: query.from,
      to: query.to,
    });
    const body =
      query.format === "pdf"
        ? new Uint8Array(await renderReportPdf(report))
        : query.format === "html"
          ? reportHtml(report) // renderHtml(report), its body rendered once per cached report
          : renderReportText(report, query.format, query.table);
    const disposition = query.format === "html" ? "inline" : "attachment";
    return new Response(body, {
      headers: {
        "content-type": MEDIA_TYPES[query.format],
        "content-disposition": `${disposition}; filename="${reportFileName(report, query.format, query.table)}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (err) {
    if (err instanceof PdfUnavailableError) return NextResponse.json({ error: err.message }, { status: 503 });
    if (err instanceof PdfBusyError)
      return NextResponse.json(
        { error: err.message },
        { status: 503, headers: { "retry-after": String(err.retryAfterSeconds) } },
      );
    return errorResponse(err);
  }
}
