// POST /api/v1/lookup – "find my orders" for embedding in a vendor's own app (always 202 unless rate-limited)
import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/routes";
import { ZSignInLinkRequest } from "@/lib/buyers/schemas";
import { requestSignInLink } from "@/lib/buyers/request-sign-in-link";

export const POST = jsonRoute({
  auth: "public",
  schema: ZSignInLinkRequest,
  handler: async ({ input, meta }) => {
    await requestSignInLink(input, meta);
    return NextResponse.json({ status: "sent" }, { status: 202 });
  },
});
