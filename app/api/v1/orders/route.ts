// POST /api/v1/orders – ingest an order from a store (signed)
import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/routes";
import { signatureTimestamp } from "@/lib/crypto/webhook-signature";
import { ZOrderPayload } from "@/lib/orders/schemas";
import { authorizeOrderWebhook } from "@/lib/orders/authorize-order-webhook";
import { ingestOrder } from "@/lib/orders/ingest-order";

export const dynamic = "force-dynamic";

// The signature over the raw body is the authorization (checked before the body is parsed); the
// store is a system actor. 201 on create, 200 on a repeat or an update, 400 with per-field errors.
export const POST = jsonRoute({
  auth: "public",
  schema: ZOrderPayload,
  authorize: authorizeOrderWebhook,
  handler: async ({ input, request }) => {
    // The signed time orders deliveries: an older one replayed within the 5 minutes changes nothing.
    const signedAt = signatureTimestamp(request.headers.get("keydesk-signature"));
    const outcome = await ingestOrder(
      input,
      { type: "system", label: "webhook" },
      {
        eventAt: signedAt === null ? undefined : new Date(signedAt * 1000),
      },
    );
    return NextResponse.json(outcome, {
      status: outcome.result === "created" ? 201 : 200,
      headers: { "Cache-Control": "no-store" },
    });
  },
});
