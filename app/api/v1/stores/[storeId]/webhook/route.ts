// POST /api/v1/stores/<storeId>/webhook – a store's own webhook delivery (Stripe, Paddle, …), verified with its own scheme
import { z } from "zod";
import { fileRoute } from "@/lib/http/routes";
import { receiveStoreDelivery } from "@/lib/stores/receive-store-delivery";

export const dynamic = "force-dynamic";

// Public: the store proves itself with its signature over the raw bytes (JSON or form-encoded),
// which the use case reads itself.
export const POST = fileRoute({
  auth: "public",
  // Any id: one that cannot exist is a 404 from the use case, like an unknown one.
  params: z.object({ storeId: z.string() }),
  handler: async ({ request, params }) => {
    const reply = await receiveStoreDelivery(params.storeId, request);
    return new Response(reply.body, {
      status: reply.status,
      headers: { "Content-Type": reply.contentType, "Cache-Control": "no-store" },
    });
  },
});
