import "server-only";
import { db } from "@/lib/db";

/**
 * `checkHealth()` (public, records nothing): reports whether the database answers; used by
 * `GET /api/health` and load balancers.
 */
export async function checkHealth(): Promise<{ status: "ok" | "degraded"; database: "ok" | "error" }> {
  try {
    await db().setting.findFirst({ select: { key: true } });
    return { status: "ok", database: "ok" };
  } catch {
    return { status: "degraded", database: "error" };
  }
}
