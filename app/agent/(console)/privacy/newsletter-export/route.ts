// POST /agent/privacy/newsletter-export – current newsletter opt-ins as CSV (admins, audited).
import { fileRoute } from "@/lib/http/routes";
import { exportNewsletterCsv } from "@/lib/newsletter/export-newsletter-csv";

export const POST = fileRoute({
  auth: "admin",
  sameOrigin: true,
  handler: async ({ actor, meta }) => {
    const { csv, fileName } = await exportNewsletterCsv(actor, meta);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  },
});
