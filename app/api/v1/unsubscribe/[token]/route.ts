// POST /api/v1/unsubscribe/:token – RFC 8058 one-click unsubscribe (signed link, no cookies needed)
// GET  /api/v1/unsubscribe/:token – a person opened the header's link: show the confirm page
import { NextResponse } from "next/server";
import { fileRoute } from "@/lib/http/routes";
import { readTextLimited } from "@/lib/http/read-limited";
import { ZUnsubscribeLink } from "@/lib/newsletter/schemas";
import { unsubscribeByToken } from "@/lib/newsletter/unsubscribe-by-token";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";

const MAX_BODY = 2048;

// Mail clients send "List-Unsubscribe=One-Click" as a form (urlencoded or multipart); anything
// else is not a one-click request (RFC 8058 §3.2).
const ONE_CLICK = /(^|[&\r\n"])List-Unsubscribe=One-Click\b|name="List-Unsubscribe"\s+One-Click/;

// Public and cross-site on purpose: mail providers' servers POST here without cookies or an Origin.
export const POST = fileRoute({
  auth: "public",
  params: ZUnsubscribeLink,
  handler: async ({ request, params, meta }) => {
    const body = await readTextLimited(request, MAX_BODY);
    if (!ONE_CLICK.test(body)) {
      throw new AppError("invalid_input", "Expected the body List-Unsubscribe=One-Click.", {
        fieldErrors: { "List-Unsubscribe": ["Must be One-Click"] },
      });
    }
    await unsubscribeByToken({ token: params.token, via: "one_click" }, meta);
    return NextResponse.json({ status: "unsubscribed" });
  },
});

export const GET = fileRoute({
  auth: "public",
  params: ZUnsubscribeLink,
  handler: ({ params }) =>
    Promise.resolve(NextResponse.redirect(`${env().appUrl}/unsubscribe/${encodeURIComponent(params.token)}`, 303)),
});
