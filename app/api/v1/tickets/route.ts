// POST /api/v1/tickets – open a support ticket from a vendor's own app (same rules as the form; no cookies; limited harder)
import { NextResponse } from "next/server";
import { z } from "zod";
import { jsonRoute } from "@/lib/http/json-route";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { createGuestTicket } from "@/lib/tickets/create-guest-ticket";

export const POST = jsonRoute({
  // The use case validates every field and names the bad ones in the 400.
  schema: z.record(z.string(), z.unknown()),
  handler: async ({ request, input }) => {
    const { website, ...values } = input;
    const created = await createGuestTicket({
      values,
      channel: "api",
      honeypot: website,
      ip: clientIp(request.headers),
      userAgent: userAgentOf(request.headers),
    });
    return NextResponse.json({ ticket: created.ref }, { status: 201 });
  },
});
