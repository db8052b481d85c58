import "server-only";
import { db } from "@/lib/db";

/**
 * `checkHealth()` (public, records nothing): reports whether the database answers; used by
 * `GET /api/health` and load balancers.
 */
export async function checkHealth(): Promise<{ status: "ok" | "degraded"; database: "ok" | "error" }> {
  try {
    // The same one-row read of a table as a fixed statement: a model query costs the health check
    // four times as much in Prisma's query interpreter (bench/PROFILE.md), and probes come often.
    await db().$queryRaw`SELECT "key" FROM "Setting" LIMIT 1`;
    return { status: "ok", database: "ok" };
  } catch {
    return { status: "degraded", database: "error" };
  }
}
