// GET /metrics – Prometheus metrics for a scraper holding KEYDESK_METRICS_TOKEN (404 when unset)
import { fileRoute } from "@/lib/http/routes";
import { getMetrics } from "@/lib/metrics/get-metrics";

export const dynamic = "force-dynamic";

export const GET = fileRoute({
  auth: "public",
  handler: async ({ request }) => {
    const metrics = await getMetrics(request);
    return new Response(metrics.body, {
      headers: { "Content-Type": metrics.contentType, "Cache-Control": "no-store" },
    });
  },
});
