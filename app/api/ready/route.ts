// GET /api/ready – readiness for load balancers: the database answers and its migrations are applied
import { NextResponse } from "next/server";
import { fileRoute } from "@/lib/http/routes";
import { checkReadiness } from "@/lib/system/check-readiness";

export const dynamic = "force-dynamic";

export const GET = fileRoute({
  auth: "public",
  handler: async () => {
    const readiness = await checkReadiness();
    return NextResponse.json(readiness, {
      status: readiness.status === "ready" ? 200 : 503,
      headers: { "Cache-Control": "no-store" },
    });
  },
});
