import "server-only";
import { AppError } from "@/lib/errors";
import { readBytesLimited } from "@/lib/http/read-limited";

/** Largest delivery a store may send (real ones are a few kilobytes). */
export const MAX_DELIVERY_BYTES = 1_000_000;

/** The request body as exact bytes (signatures are over them), refused above 1 MB without reading further. */
export function readRawBody(request: Request): Promise<Buffer> {
  return readBytesLimited(
    request,
    MAX_DELIVERY_BYTES,
    () => new AppError("payload_too_large", "The delivery is larger than 1 MB."),
  );
}
