// GET /support-attachments/[id] – a ticket attachment, for the ticket's owner (buyer or guest session) or an agent
import { currentAgent, currentTicketAccess } from "@/lib/auth/guards";
import { attachmentDisposition } from "@/lib/downloads/content-disposition";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { openTicketAttachment, type TAttachmentViewer } from "@/lib/tickets/attachments/open-attachment";

export const dynamic = "force-dynamic";

function notFound(): Response {
  return new Response("Not found.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const agent = await currentAgent();
    const access = agent ? null : await currentTicketAccess();
    const viewer: TAttachmentViewer | null = agent
      ? { kind: "agent", agent }
      : access
        ? { kind: "customer", access }
        : null;
    if (!viewer) return notFound();
    const file = await openTicketAttachment({ viewer, attachmentId: (await params).id });
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
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return notFound();
    log.error("attachment download failed", { error });
    return new Response("Something went wrong on our side.\n", {
      status: 500,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}
