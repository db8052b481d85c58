// POST /support-attachments?name=N – one file of a ticket form (raw body, before the form is sent); answers { receipt }
import { NextResponse } from "next/server";
import { z } from "zod";
import { currentAgent, currentTicketAccess } from "@/lib/auth/guards";
import { AppError, isAppError } from "@/lib/errors";
import { fileRoute } from "@/lib/http/routes";
import { failureFieldErrors, failureMessage } from "@/lib/i18n/failures";
import { uploadAttachment, type TUploader } from "@/lib/tickets/attachments/upload-attachment";

export const dynamic = "force-dynamic";

/** The header the guest form's script sends its solved proof of work in (the form field's value). */
const POW_HEADER = "x-keydesk-pow";

/** An agent, else a buyer or a guest's ticket session, else a stranger who must show a proof of work. */
async function currentUploader(request: Request): Promise<TUploader> {
  const pow = request.headers.get(POW_HEADER);
  // The guest form sends its proof of work: its files belong to the ticket that proof will open.
  if (pow) return { kind: "guest", pow };
  const agent = await currentAgent();
  if (agent) return { kind: "agent", agent };
  const access = await currentTicketAccess();
  return access ? { kind: "customer", access } : { kind: "guest", pow: null };
}

// Skips the proxy (proxy.ts matcher), which would buffer the body: the use case reads the stream
// itself and stops at 10 MB; a larger Content-Length is refused before reading.
export const POST = fileRoute({
  auth: "public",
  sameOrigin: true,
  query: z.object({ name: z.string().max(500).default("attachment") }),
  handler: async ({ request, query, meta }) => {
    const length = request.headers.get("content-length");
    const receipt = await uploadAttachment(
      await currentUploader(request),
      {
        name: query.name,
        declaredSize: length !== null && /^\d+$/.test(length) ? Number(length) : null,
        body: request.body,
      },
      meta,
    ).catch(async (error: unknown) => {
      // The ticket form's script shows this answer to the buyer as it is: in their language.
      if (!isAppError(error)) throw error;
      const fieldErrors = await failureFieldErrors(error);
      throw new AppError(error.code, await failureMessage(error), {
        retryAfterSeconds: error.retryAfterSeconds,
        ...(fieldErrors ? { fieldErrors } : {}),
      });
    });
    return NextResponse.json({ receipt }, { status: 201, headers: { "Cache-Control": "no-store" } });
  },
});
