// GET /support-attachments/[id] – a ticket attachment, for the ticket's owner (buyer or guest session) or an agent
import { z } from "zod";
import { currentAgent, currentTicketAccess } from "@/lib/auth/guards";
import { attachmentDisposition } from "@/lib/downloads/content-disposition";
import { fileRoute } from "@/lib/http/routes";
import { openTicketAttachment, type TAttachmentViewer } from "@/lib/tickets/attachments/open-attachment";

export const dynamic = "force-dynamic";

function notFound(): Response {
  return new Response("Not found.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** An agent (any ticket), else whoever may read tickets on the buyer side; the lib query checks the ticket. */
async function currentViewer(): Promise<TAttachmentViewer | null> {
  const agent = await currentAgent();
  if (agent) return { kind: "agent", agent };
  const access = await currentTicketAccess();
  return access ? { kind: "customer", access } : null;
}

export const GET = fileRoute({
  // Agents and ticket owners (including guests' one-ticket sessions) are told apart in the handler.
  auth: "public",
  params: z.object({ id: z.string().max(100) }),
  // Someone else's file, a file that does not exist and a malformed id look the same.
  onError: () => notFound(),
  handler: async ({ params, meta }) => {
    const viewer = await currentViewer();
    if (!viewer) return notFound();
    const file = await openTicketAttachment(viewer, { attachmentId: params.id }, meta);
    return new Response(file.stream(), {
      headers: {
        // Always a download, never rendered by the browser: an uploaded HTML or SVG cannot run here.
        "Content-Type": file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType,
        "Content-Length": String(file.size),
        "Content-Disposition": attachmentDisposition(file.fileName),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      },
    });
  },
});
