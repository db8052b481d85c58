// POST /api/v1/unsubscribe/:token – RFC 8058 one-click unsubscribe (signed link, no cookies needed)
// GET  /api/v1/unsubscribe/:token – a person opened the header's link: show the confirm page
import { NextResponse } from "next/server";
import { unsubscribeByToken } from "@/lib/newsletter/unsubscribe";
import { errorResponse } from "@/lib/http/json-route";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";

type TParams = { params: Promise<{ token: string }> };

const MAX_BODY = 2048;

export async function POST(request: Request, { params }: TParams): Promise<Response> {
  try {
    const { token } = await params;
    const body = await request.text();
    if (body.length > MAX_BODY) throw new AppError("payload_too_large", "The request body is too large.");
    // Mail clients send "List-Unsubscribe=One-Click" as a form (urlencoded or multipart); anything
    // else is not a one-click request (RFC 8058 §3.2).
    if (!/(^|[&\r\n"])List-Unsubscribe=One-Click\b|name="List-Unsubscribe"\s+One-Click/.test(body)) {
      throw new AppError("invalid_input", "Expected the body List-Unsubscribe=One-Click.", {
        fieldErrors: { "List-Unsubscribe": ["Must be One-Click"] },
      });
    }
    await unsubscribeByToken({
      token,
      via: "one_click",
      ip: clientIp(request.headers),
      userAgent: userAgentOf(request.headers),
    });
    return NextResponse.json({ status: "unsubscribed" });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function GET(_request: Request, { params }: TParams): Promise<Response> {
  const { token } = await params;
  return NextResponse.redirect(`${env().appUrl}/unsubscribe/${encodeURIComponent(token)}`, 303);
}
