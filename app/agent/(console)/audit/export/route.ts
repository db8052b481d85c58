// POST /agent/audit/export?agent=&customer=&action=&from=&to= – the filtered audit log as CSV (admins, audited).
import { fileRoute } from "@/lib/http/routes";
import { exportAuditLogCsv } from "@/lib/audit/export-audit-log-csv";
import { ZAuditLogQuery } from "@/lib/audit/schemas";

export const POST = fileRoute({
  auth: "admin",
  sameOrigin: true,
  query: ZAuditLogQuery,
  handler: async ({ actor, query, meta }) => {
    const { csv, fileName } = await exportAuditLogCsv(actor, query, meta);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  },
});
