// POST /account/export – "Download my data": the signed-in buyer's data as a JSON attachment.
import { currentBuyer } from "@/lib/auth/guards";
import { exportAccountData } from "@/lib/accounts/export-account-data";
import { errorResponse } from "@/lib/http/json-route";
import { clientIp, isSameOrigin, userAgentOf } from "@/lib/http/client-info";
import { AppError, isAppError } from "@/lib/errors";
import { env } from "@/lib/env";

/** A form post that cannot be answered with the file goes back to a page that says why. */
function backTo(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: `${env().appUrl}${path}` } });
}

export async function POST(request: Request): Promise<Response> {
  try {
    if (!isSameOrigin(request.headers)) throw new AppError("forbidden", "Cross-site request refused.");
    const buyer = await currentBuyer();
    if (!buyer) return backTo("/lookup?signin=required");
    const { json, fileName } = await exportAccountData({
      buyer,
      ip: clientIp(request.headers),
      userAgent: userAgentOf(request.headers),
    });
    return new Response(json, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "rate_limited") return backTo("/account?export=limited#your-data");
    return errorResponse(error);
  }
}
