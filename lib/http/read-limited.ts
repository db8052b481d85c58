import { AppError } from "@/lib/errors";

const tooLarge = () => new AppError("payload_too_large", "The request body is too large.");

/**
 * Reads a request body, but never more than `maxBytes`: a declared Content-Length over the limit is
 * refused before anything is read, and a body without one (chunked) is read chunk by chunk and the
 * stream cancelled as soon as the limit is passed — a 40 MB upload costs at most `maxBytes` of
 * memory, never the whole body. `refusal` is the error thrown (a 413 by default).
 */
export async function readBytesLimited(
  request: Request,
  maxBytes: number,
  refusal: () => AppError = tooLarge,
): Promise<Buffer> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw refusal();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw refusal();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, received);
}

/** `readBytesLimited` as UTF-8 text (JSON and form bodies). */
export async function readTextLimited(request: Request, maxBytes: number): Promise<string> {
  return (await readBytesLimited(request, maxBytes)).toString("utf8");
}
