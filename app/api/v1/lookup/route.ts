// POST /api/v1/lookup – "find my orders" for embedding in a vendor's own app (always 202 unless rate-limited)
import { NextResponse } from "next/server";
import { z } from "zod";
import { jsonRoute } from "@/lib/http/json-route";
import { clientIp } from "@/lib/http/client-info";
import { requestSignInLink } from "@/lib/buyers/request-sign-in-link";

export const POST = jsonRoute({
  schema: z.object({ email: z.unknown() }),
  handler: async ({ request, input }) => {
    await requestSignInLink({ email: input.email, ip: clientIp(request.headers) });
    return NextResponse.json({ status: "sent" }, { status: 202 });
  },
});
