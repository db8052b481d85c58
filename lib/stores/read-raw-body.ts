import "server-only";
import { AppError } from "@/lib/errors";

/** Largest delivery a store may send (real ones are a few kilobytes). */
export const MAX_DELIVERY_BYTES = 1_000_000;

/** The request body as exact bytes (signatures are over them), refused above 1 MB without reading further. */
export async function readRawBody(request: Request): Promise<Buffer> {
  const tooLarge = () => new AppError("payload_too_large", "The delivery is larger than 1 MB.");
  if (Number(request.headers.get("content-length") ?? "0") > MAX_DELIVERY_BYTES) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_DELIVERY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
