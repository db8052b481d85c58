// GET /api/health – liveness and database check for load balancers and monitors
import { NextResponse } from "next/server";
import { fileRoute } from "@/lib/http/routes";
import { checkHealth } from "@/lib/system/check-health";

export const dynamic = "force-dynamic";

export const GET = fileRoute({
  auth: "public",
  handler: async () => {
    const health = await checkHealth();
    return NextResponse.json(health, {
      status: health.status === "ok" ? 200 : 503,
      headers: { "Cache-Control": "no-store" },
    });
  },
});
