import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, fieldErrorsOf, isAppError } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/client-info";
import { log } from "@/lib/log";

const MAX_BODY_BYTES = 1_000_000;

export interface TRouteContext<TInput> {
  request: Request;
  input: TInput;
  /** The raw body text (for signature checks). */
  rawBody: string;
}

interface TJsonRouteOptions<TSchema extends z.ZodType> {
  schema: TSchema;
  /** Require the request to come from this site (cookie-authenticated endpoints). */
  sameOrigin?: boolean;
  /** Runs before the body is validated (e.g. a signature check over the raw body). */
  authorize?: (request: Request, rawBody: string) => void | Promise<void>;
  handler: (ctx: TRouteContext<z.infer<TSchema>>) => Promise<Response>;
}

/**
 * The one wrapper for JSON route handlers: size limit → origin → authorize → JSON parse → schema →
 * handler, and every failure mapped to a 4xx JSON error naming the fields (never a stack trace).
 */
export function jsonRoute<TSchema extends z.ZodType>(options: TJsonRouteOptions<TSchema>) {
  return async (request: Request): Promise<Response> => {
    try {
      if (options.sameOrigin && !isSameOrigin(request.headers)) {
        throw new AppError("forbidden", "Cross-site request refused.");
      }
      const rawBody = await readBody(request);
      await options.authorize?.(request, rawBody);
      let json: unknown;
      try {
        json = rawBody === "" ? {} : JSON.parse(rawBody);
      } catch {
        throw new AppError("invalid_input", "The request body is not valid JSON.", {
          fieldErrors: { _: ["Not valid JSON"] },
        });
      }
      const parsed = options.schema.safeParse(json);
      if (!parsed.success) {
        throw new AppError("invalid_input", "Some fields are missing or invalid.", {
          fieldErrors: fieldErrorsOf(parsed.error.issues),
        });
      }
      return await options.handler({ request, input: parsed.data, rawBody });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

async function readBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large", "The request body is too large.");
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError("payload_too_large", "The request body is too large.");
  return text;
}

/** Turns any thrown value into a JSON error response: AppError → its status, anything else → 500. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
    return NextResponse.json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.fieldErrors ? { fields: error.fieldErrors } : {}),
        },
      },
      { status: error.status, headers },
    );
  }
  log.error("unhandled route error", { error });
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on our side." } },
    { status: 500 },
  );
}
