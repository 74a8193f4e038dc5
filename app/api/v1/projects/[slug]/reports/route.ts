import { NextResponse } from "next/server";
import { MEDIA_TYPES, renderReportText, reportFileName } from "@/lib/report/export";
import { errorResponse } from "@/lib/http/error-response";
import { getActor } from "@/lib/http/get-actor";
import { findReport } from "@/lib/server/find-report";
import { PdfUnavailableError, renderReportPdf } from "@/lib/server/render-report-pdf";
import { reportQuerySchema } from "@/lib/validations/report";

/**
 * `?format=md|pdf|csv|json|html&environment=&period=` (or `&from=&to=` scan ids; `&table=metrics` for the CSV of
 * the hardening metrics): the session summary report as a download.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { slug } = await params;
    const actor = await getActor(request);
    const query = reportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const report = await findReport(actor, slug, {
      environment: query.environment,
      period: query.period,
      from: query.from,
      to: query.to,
    });
    const body =
      query.format === "pdf"
        ? new Uint8Array(await renderReportPdf(report))
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
    return errorResponse(err);
  }
}
