import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt } from "@/lib/crypto/encryption";

export interface TThreadAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface TThreadMessage {
  id: string;
  author: "customer" | "agent" | "system";
  agentName: string | null;
  internal: boolean;
  body: string;
  createdAt: Date;
  attachments: TThreadAttachment[];
}

/** The message columns a thread needs; `internal` decides who may see a message. */
export const THREAD_MESSAGE_SELECT = {
  id: true,
  author: true,
  internal: true,
  bodyEnc: true,
  createdAt: true,
  agent: { select: { name: true } },
  attachments: {
    orderBy: { createdAt: "asc" },
    select: { id: true, fileNameEnc: true, contentType: true, size: true },
  },
} as const;

/** Decrypts one selected message (body and attachment names) into what a thread shows. */
export function toThreadMessage(m: {
  id: string;
  author: "customer" | "agent" | "system";
  internal: boolean;
  bodyEnc: string;
  createdAt: Date;
  agent: { name: string } | null;
  attachments: { id: string; fileNameEnc: string; contentType: string; size: number }[];
}): TThreadMessage {
  return {
    id: m.id,
    author: m.author,
    agentName: m.agent?.name ?? null,
    internal: m.internal,
    body: decrypt(m.bodyEnc, ENC.ticketBody),
    createdAt: m.createdAt,
    attachments: m.attachments.map((a) => ({
      id: a.id,
      fileName: decrypt(a.fileNameEnc, ENC.attachmentFileName),
      contentType: a.contentType,
      size: a.size,
    })),
  };
}
