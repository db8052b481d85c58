import "server-only";
import fs from "node:fs";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { consumeRateLimit, humanWait, type TLimit } from "@/lib/ratelimit/consume";
import { attachmentDisposition } from "@/lib/downloads/content-disposition";
import { claimDownload, openDownload, releaseDownloadBytes, type TOpenFile } from "@/lib/downloads/open-download";
import { parseRange } from "@/lib/downloads/parse-range";
import type { TDownloadFailure, TServeDownloadInput } from "@/lib/downloads/schemas";

/** Generous: a download manager resuming in many pieces must not hit it, a token-guessing script must. */
export const DOWNLOAD_IP_LIMIT: TLimit = { name: "download:ip", max: 600, windowSeconds: 3600 };

/**
 * Bytes counted as sent may still sit in socket buffers when a connection drops, so the client has
 * fewer than we counted and resumes from an earlier offset. The budget tolerates that much overlap
 * once per link: a tenth of the file, at most 8 MiB — never a second copy.
 */
export function byteBudgetOf(maxDownloads: number, fileSize: number): bigint {
  const slack = Math.min(Math.floor(fileSize / 10), 8 * 1024 * 1024);
  return BigInt(maxDownloads) * BigInt(fileSize) + BigInt(slack);
}

/** Carries the real length past Next.js to scripts/server.mjs, which turns it into Content-Length. */
export const CONTENT_LENGTH_RELAY = "x-keydesk-content-length";

const PRIVATE = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" } as const;

/**
 * `serveDownload({ token, method, range, ifRange }, meta)` answers GET/HEAD /download/<token>: a
 * clear page (303) for a bad, expired, exhausted or revoked link, otherwise the file — whole (200)
 * or one byte range (206, 416 when unsatisfiable), with If-Range on the SHA-256 ETag. A request
 * from byte 0 counts as one download; a resume (a range further in) does not. Every GET also
 * reserves its bytes against the link's budget (limit × file size) and gives back what it did not
 * send, so an interrupted download resumes but no Range request reads past the limit. HEAD counts
 * nothing. Rate-limited per client IP (from `meta`).
 */
export async function serveDownload(input: TServeDownloadInput, meta: TRequestMeta): Promise<Response> {
  const { token, method } = input;
  try {
    // No IP only for work no client started; such callers share one bucket.
    const limit = await consumeRateLimit(DOWNLOAD_IP_LIMIT, meta.ip ?? "unknown");
    if (!limit.allowed) {
      return new Response(`Too many download requests. Try again in ${humanWait(limit.retryAfterSeconds)}.\n`, {
        status: 429,
        headers: {
          ...PRIVATE,
          "Content-Type": "text/plain; charset=utf-8",
          "Retry-After": String(limit.retryAfterSeconds),
        },
      });
    }
    const opened = await openDownload(token);
    if (!opened.ok) return unavailable(opened.reason);
    const { grant, file } = opened;

    const etag = `"${file.sha256}"`;
    const { ifRange } = input;
    const range =
      ifRange !== null && ifRange.trim() !== etag ? ({ kind: "full" } as const) : parseRange(input.range, file.size);
    if (range.kind === "unsatisfiable") {
      return new Response(null, {
        status: 416,
        headers: { ...PRIVATE, "Content-Range": `bytes */${file.size}`, "Accept-Ranges": "bytes" },
      });
    }
    const start = range.kind === "partial" ? range.start : 0;
    const end = range.kind === "partial" ? range.end : file.size - 1;

    const length = end - start + 1;
    // HEAD reads nothing and counts nothing. A first request counts, a resume of a used link does
    // not; both spend bytes from the budget.
    if (method === "GET") {
      const claimed = await claimDownload(
        grant,
        {
          counts: start === 0 || grant.downloadCount === 0,
          resumed: start > 0,
          bytes: file.size === 0 ? 0 : length,
          byteBudget: byteBudgetOf(grant.maxDownloads, file.size),
        },
        meta,
      );
      if (!claimed) return unavailable("exhausted");
    }

    const headers = fileHeaders(file, etag, length);
    if (range.kind === "partial") headers.set("Content-Range", `bytes ${start}-${end}/${file.size}`);
    const status = range.kind === "partial" ? 206 : 200;
    if (method === "HEAD" || file.size === 0) return new Response(null, { status, headers });
    return new Response(fileStream(file.absolutePath, start, end, grant.id), { status, headers });
  } catch (error) {
    log.error("download failed", { error });
    return new Response("Something went wrong on our side. Please try again.\n", {
      status: 500,
      headers: { ...PRIVATE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

function unavailable(reason: TDownloadFailure): Response {
  return new Response(null, {
    status: 303,
    headers: { ...PRIVATE, Location: `${env().appUrl}/downloads/unavailable?reason=${reason}` },
  });
}

function fileHeaders(file: TOpenFile, etag: string, length: number): Headers {
  const digest = Buffer.from(file.sha256, "hex").toString("base64");
  return new Headers({
    ...PRIVATE,
    "Content-Type": file.contentType,
    "Content-Length": String(length),
    // Next.js drops Content-Length from route handler responses; scripts/server.mjs restores it from this.
    [CONTENT_LENGTH_RELAY]: String(length),
    "Content-Disposition": attachmentDisposition(file.fileName),
    "Accept-Ranges": "bytes",
    ETag: etag,
    // The whole file's SHA-256, also on partial responses (RFC 9530; `Digest` for older clients).
    "Repr-Digest": `sha-256=:${digest}:`,
    Digest: `SHA-256=${digest}`,
    "X-Robots-Tag": "noindex",
  });
}

/**
 * The bytes `start..end` of the file, 64 KiB at a time. Whatever is not handed on when the client
 * cancels (or reading fails) goes back to the grant's byte budget, so the client can resume it.
 */
function fileStream(absolutePath: string, start: number, end: number, grantId: string): ReadableStream<Uint8Array> {
  const source = fs.createReadStream(absolutePath, { start, end, highWaterMark: 64 * 1024 });
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let unsent = end - start + 1;
  const giveBack = async () => {
    const bytes = unsent;
    unsent = 0;
    await releaseDownloadBytes(grantId, bytes).catch((error: unknown) =>
      log.error("releasing bytes failed", { error }),
    );
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) {
          controller.close();
          return;
        }
        unsent -= next.value.length;
        controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.length));
      } catch (error) {
        await giveBack();
        controller.error(error);
      }
    },
    async cancel() {
      source.destroy();
      await giveBack();
    },
  });
}
