import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError, isAppError, type TErrorCode, type TErrorKey } from "@/lib/errors";
import { randomToken } from "@/lib/crypto/tokens";

/** A JSON value that can be stored as the first response and handed back to every repeat. */
export type TJson = string | number | boolean | null | TJson[] | { [key: string]: TJson };

export interface TRunOnceOptions {
  /** Scoped key, e.g. `resend:<customerId>:<form key>` (≤ 200 characters). */
  key: string;
  /** What was asked (see `hashRequest`): a repeat of the key with another request is refused. */
  requestHash: string;
  /** How long the first response is kept and replayed. */
  ttlSeconds: number;
}

// Every error code, so a stored response is read back with a schema (a complete list: `satisfies`).
const ERROR_CODES = {
  invalid_input: "invalid_input",
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  not_found: "not_found",
  conflict: "conflict",
  rate_limited: "rate_limited",
  payload_too_large: "payload_too_large",
  unavailable: "unavailable",
} as const satisfies { [C in TErrorCode]: C };

/** The first response as it is stored in the key's row and read back for every repeat. */
const ZStored = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), value: z.json() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      retryAfterSeconds: z.number().optional(),
      // The catalogue key and its values, so a replayed refusal reads the same in the buyer's language.
      key: z.string().optional(),
      values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  }),
]);
type TStored = z.infer<typeof ZStored>;

// A claim without a response older than this belongs to a run that died; another may take over.
const ABANDONED_MS = 60_000;
const WAIT_MS = 15_000;
const POLL_MS = 40;

/** A fresh random idempotency key to put into a form when the page is rendered. */
export function newIdempotencyKey(): string {
  return randomToken();
}

/** A stable hash of what a request asks for (its scope and inputs), to store beside the key. */
export function hashRequest(parts: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}

/**
 * `runOnce(options, fn)`: runs `fn` at most once per key: the first caller inserts the key row (the primary key decides the
 * winner on SQLite and PostgreSQL alike), runs `fn` and stores its result — or the AppError it threw —
 * as the response; every other caller with the same key waits for that response and gets it back
 * (the same value, or the same AppError) without running `fn`. An unexpected error releases the key
 * so the request can be retried.
 */
export async function runOnce<T extends TJson>(options: TRunOnceOptions, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await claim(options)) return execute(options.key, fn);
    const row = await db().idempotencyKey.findUnique({ where: { key: options.key } });
    if (!row) continue; // released or expired in between: try to claim again
    if (row.requestHash !== options.requestHash) {
      throw new AppError("conflict", "This form was already used for another request. Reload the page and try again.", {
        key: "formReused",
      });
    }
    if (row.response !== null) return replay<T>(ZStored.parse(row.response));
    if (Date.now() > deadline)
      throw new AppError("conflict", "Your earlier request is still being processed. Reload the page in a moment.", {
        key: "stillProcessing",
      });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function claim(options: TRunOnceOptions): Promise<boolean> {
  const now = new Date();
  // An expired key or an abandoned claim makes room for a new run; the createdAt condition keeps a
  // row that someone else claimed in the meantime.
  const existing = await db().idempotencyKey.findUnique({
    where: { key: options.key },
    select: { createdAt: true, expiresAt: true, response: true },
  });
  if (
    existing &&
    (existing.expiresAt <= now ||
      (existing.response === null && existing.createdAt.getTime() < now.getTime() - ABANDONED_MS))
  ) {
    await db().idempotencyKey.deleteMany({ where: { key: options.key, createdAt: existing.createdAt } });
  } else if (existing) {
    return false;
  }
  try {
    await db().idempotencyKey.create({
      data: {
        key: options.key,
        requestHash: options.requestHash,
        expiresAt: new Date(now.getTime() + options.ttlSeconds * 1000),
      },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

async function execute<T extends TJson>(key: string, fn: () => Promise<T>): Promise<T> {
  let stored: TStored;
  let value: T;
  try {
    value = await fn();
    stored = { ok: true, value };
  } catch (error) {
    if (!isAppError(error)) {
      await db().idempotencyKey.deleteMany({ where: { key } });
      throw error;
    }
    stored = {
      ok: false,
      error: {
        code: error.code,
        message: error.message,
        ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
        ...(error.key ? { key: error.key } : {}),
        ...(error.values ? { values: error.values } : {}),
      },
    };
    await db().idempotencyKey.update({ where: { key }, data: { response: stored } });
    throw error;
  }
  await db().idempotencyKey.update({ where: { key }, data: { response: stored } });
  return value;
}

function replay<T extends TJson>(stored: TStored): T {
  if (stored.ok) return stored.value as T;
  const { code, message, retryAfterSeconds, key, values } = stored.error;
  throw new AppError(code, message, { retryAfterSeconds, key: key as TErrorKey | undefined, values });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
