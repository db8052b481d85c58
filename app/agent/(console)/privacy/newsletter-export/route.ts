// POST /agent/privacy/newsletter-export – current newsletter opt-ins as CSV (admins, audited).
import { requireAgentForApi } from "@/lib/auth/guards";
import { exportNewsletterCsv } from "@/lib/newsletter/export-newsletter-csv";
import { errorResponse } from "@/lib/http/json-route";
import { clientIp, isSameOrigin, userAgentOf } from "@/lib/http/client-info";
import { AppError } from "@/lib/errors";

export async function POST(request: Request): Promise<Response> {
  try {
    if (!isSameOrigin(request.headers)) throw new AppError("forbidden", "Cross-site request refused.");
    const agent = await requireAgentForApi();
    const { csv } = await exportNewsletterCsv({
      agent,
      ip: clientIp(request.headers),
      userAgent: userAgentOf(request.headers),
    });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="newsletter-opt-ins-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
