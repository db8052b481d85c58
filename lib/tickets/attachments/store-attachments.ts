import "server-only";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { ENC } from "@/lib/crypto/contexts";
import fs from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import type { TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { AppError, type TErrorKey, type TErrorValues } from "@/lib/errors";
import { formatAllowedTypes } from "@/lib/tickets/attachments/allowed-types";
import { sniffFileType, type TAllowedType } from "@/lib/tickets/attachments/sniff-file-type";
import { claimStagedAttachments } from "@/lib/tickets/attachments/stage-attachment";
import {
  MAX_ATTACHMENTS,
  MAX_ATTACHMENT_BYTES,
  attachmentDir,
  cleanAttachmentName,
  type TIncomingFile,
  type TStoredFile,
} from "@/lib/tickets/attachments/attachment-rules";

export {
  MAX_ATTACHMENTS,
  MAX_ATTACHMENT_BYTES,
  attachmentDir,
  type TIncomingFile,
  type TStoredFile,
} from "@/lib/tickets/attachments/attachment-rules";

function fail(message: string, fieldKey: TErrorKey, values: TErrorValues): never {
  throw new AppError("invalid_input", "Please check the attached files.", {
    fieldErrors: { attachments: [message] },
    key: "checkAttachments",
    values,
    fieldKeys: { attachments: fieldKey },
  });
}

/** What a form's `attachments` field holds: files (small, posted with the form) or receipts of uploads. */
export type TAttachmentItem = TIncomingFile | string;

/**
 * Checks and stores the attachments of a new ticket or reply for `owner` (who uploaded them, see
 * stage-attachment.ts): at most 5, each at most 10 MB and of an allowed type by content. Receipts of
 * files uploaded through POST /support-attachments are claimed (checked there while streaming);
 * files posted with the form itself are checked here before any is written; each is written under
 * a random name with mode 0600. Empty file inputs (no file chosen) are ignored.
 */
export async function storeAttachments(items: readonly TAttachmentItem[], owner: string): Promise<TStoredFile[]> {
  const receipts = items.filter((item): item is string => typeof item === "string");
  const files = items.filter((item): item is TIncomingFile => typeof item !== "string");
  // An empty file input still posts one nameless, empty part: that means "no file chosen".
  const chosen = files.filter((f) => f.size > 0 || !["", "undefined", "blob"].includes(f.name ?? ""));
  if (chosen.length + receipts.length > MAX_ATTACHMENTS)
    fail(`Attach at most ${MAX_ATTACHMENTS} files.`, "tooManyFiles", { max: MAX_ATTACHMENTS });
  const checked: { file: TIncomingFile; bytes: Buffer; type: TAllowedType }[] = [];
  for (const file of chosen) {
    const name = cleanAttachmentName(file.name);
    if (file.size === 0) fail(`“${name}” is empty.`, "fileEmpty", { file: name });
    if (file.size > MAX_ATTACHMENT_BYTES) fail(`“${name}” is larger than 10 MB.`, "fileTooLarge", { file: name });
    const bytes = Buffer.from(await file.arrayBuffer());
    if (bytes.length > MAX_ATTACHMENT_BYTES) fail(`“${name}” is larger than 10 MB.`, "fileTooLarge", { file: name });
    const type = sniffFileType(bytes);
    if (!type)
      fail(`“${name}” is not a file type we accept. Allowed: ${formatAllowedTypes()}.`, "fileType", {
        file: name,
        types: formatAllowedTypes(),
      });
    checked.push({ file, bytes, type });
  }
  const uploaded = claimStagedAttachments(receipts, owner);
  if (checked.length === 0) return uploaded;
  fs.mkdirSync(attachmentDir(), { recursive: true, mode: 0o700 });
  const stored: TStoredFile[] = [...uploaded];
  try {
    for (const { file, bytes, type } of checked) {
      const storagePath = randomBytes(20).toString("hex");
      fs.writeFileSync(path.join(attachmentDir(), storagePath), bytes, { mode: 0o600, flag: "wx" });
      stored.push({
        fileName: cleanAttachmentName(file.name),
        contentType: type,
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        storagePath,
      });
    }
  } catch (error) {
    discardStoredFiles(stored);
    throw error;
  }
  return stored;
}

/** Removes files written by `storeAttachments` when the change they belong to did not commit. */
export function discardStoredFiles(files: readonly TStoredFile[]): void {
  for (const file of files) fs.rmSync(path.join(attachmentDir(), file.storagePath), { force: true });
}

/** Creates the attachment rows for stored files (encrypted file names) inside the caller's transaction. */
export async function createAttachmentRows(
  tx: TTx,
  input: { ticketId: string; messageId: string; files: readonly TStoredFile[] },
) {
  for (const file of input.files) {
    await tx.attachment.create({
      data: {
        id: newId(),
        ticketId: input.ticketId,
        messageId: input.messageId,
        fileNameEnc: encrypt(redactCardNumbers(file.fileName).text, ENC.attachmentFileName),
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        storagePath: file.storagePath,
      },
    });
  }
}
