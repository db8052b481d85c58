// POST /api/v1/orders – ingest an order from a store (signed)
import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/json-route";
import { ZOrderPayload } from "@/lib/orders/schemas";
import { authorizeOrderWebhook } from "@/lib/orders/authorize-order-webhook";
import { ingestOrder } from "@/lib/orders/ingest-order";

export const dynamic = "force-dynamic";

export const POST = jsonRoute({
  schema: ZOrderPayload,
  authorize: authorizeOrderWebhook,
  handler: async ({ input }) => {
    const outcome = await ingestOrder(input, { type: "system", label: "webhook" });
    return NextResponse.json(outcome, {
      status: outcome.result === "created" ? 201 : 200,
      headers: { "Cache-Control": "no-store" },
    });
  },
});
