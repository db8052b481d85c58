import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import type { TAllowedType } from "@/lib/tickets/attachments/sniff-file-type";

// The limits and the place of ticket attachments, shared by the form path (store-attachments.ts)
// and the upload route (stage-attachment.ts).

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** A file as it arrives from a form (a web `File`, or anything with a name and bytes). */
export interface TIncomingFile {
  name: string;
  size: number;
  arrayBuffer: () => Promise<ArrayBuffer>;
}

/** A checked file, written to disk and waiting for its database row. */
export interface TStoredFile {
  fileName: string;
  contentType: TAllowedType;
  size: number;
  sha256: string;
  storagePath: string;
}

/** The folder of ticket attachments: inside DATA_DIR, outside anything the web server serves. */
export function attachmentDir(): string {
  return path.join(env().dataDir, "attachments");
}

/** A file name as stored: no folders, no control characters, at most 150 characters. */
export function cleanAttachmentName(name: string): string {
  const base = name.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(-150);
  return cleaned || "attachment";
}
