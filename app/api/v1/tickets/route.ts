// POST /api/v1/tickets – open a support ticket from a vendor's own app (same rules as the form; no cookies; limited harder)
import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/routes";
import { createGuestTicket } from "@/lib/tickets/create-guest-ticket";
import { ZApiTicket } from "@/lib/tickets/schemas";

export const POST = jsonRoute({
  auth: "public",
  // Bad fields are named in the 400 (`error.fields`); a filled honeypot (`website`) gets a normal-looking 201.
  schema: ZApiTicket,
  handler: async ({ input, meta }) => {
    const created = await createGuestTicket({ ...input, channel: "api" }, meta);
    return NextResponse.json({ ticket: created.ref }, { status: 201 });
  },
});
