import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { currentAgent, currentBuyer } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/auth/assert-admin";
import { AppError, isAppError, parseOrThrow } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/client-info";
import { readTextLimited } from "@/lib/http/read-limited";
import { requestMetaOf, type TRequestMeta } from "@/lib/http/request-meta";
import type { TAdminSession, TAgentSession, TBuyerSession } from "@/lib/auth/types";
import { log } from "@/lib/log";

// The one family of route-handler wrappers: same origin (for cookie-authenticated handlers) →
// guard → path params (zod) → body (JSON, zod) → the handler with `{ actor, input, params, meta }`,
// and every failure mapped to a JSON error naming the fields (4xx), never a stack trace.
//
//   // POST /api/v1/lookup – "find my orders" for a vendor's own app
//   export const POST = jsonRoute({ auth: "public", schema: ZLookup, handler: async ({ input, meta }) => … });
//
// `fileRoute` is the same without a JSON body, for handlers that stream or return files (exports,
// uploads, downloads); `onError` may turn an expected failure into a redirect back to a page.

// JSON bodies: read up to this many bytes, then stop reading and answer 413 (lib/http/read-limited.ts).
const MAX_BODY_BYTES = 1_000_000;

/** Who may call a handler, and so what its `actor` is. */
export type TRouteAuth = "public" | "buyer" | "agent" | "admin";
type TActorOf<A extends TRouteAuth> = A extends "buyer"
  ? TBuyerSession
  : A extends "agent"
    ? TAgentSession
    : A extends "admin"
      ? TAdminSession
      : null;

type TParamsSchema = z.ZodType<Record<string, unknown>>;

interface TRouteContext<A extends TRouteAuth, TParams> {
  request: Request;
  actor: TActorOf<A>;
  params: TParams;
  meta: TRequestMeta;
}

interface TBaseOptions<A extends TRouteAuth, P extends TParamsSchema | undefined> {
  /** Who may call it: strangers get 401, agents on an admin handler 404. */
  auth: A;
  /** Require the request to come from this site (every cookie-authenticated state change). */
  sameOrigin?: boolean;
  /** The dynamic segments of the path (`[token]`, `[id]`). */
  params?: P;
  /** Maps an expected failure to another response (e.g. a redirect back to the form's page). */
  onError?: (error: AppError, request: Request) => Response | undefined;
}

type TParamsOf<P> = P extends z.ZodType ? z.infer<P> : Record<string, never>;
type TNextContext = { params: Promise<Record<string, string | string[]>> };

export interface TJsonRouteOptions<
  A extends TRouteAuth,
  S extends z.ZodType,
  P extends TParamsSchema | undefined,
> extends TBaseOptions<A, P> {
  schema: S;
  /** Runs before the body is validated (e.g. a signature check over the raw bytes). */
  authorize?: (request: Request, rawBody: string) => void | Promise<void>;
  handler: (context: TRouteContext<A, TParamsOf<P>> & { input: z.infer<S>; rawBody: string }) => Promise<Response>;
}

/** A JSON handler: body size limit → origin → guard → params → authorize → JSON → schema → handler. */
export function jsonRoute<A extends TRouteAuth, S extends z.ZodType, P extends TParamsSchema | undefined = undefined>(
  options: TJsonRouteOptions<A, S, P>,
) {
  return async (request: Request, next?: TNextContext): Promise<Response> => {
    try {
      const base = await prepare(options, request, next);
      const rawBody = await readTextLimited(request, MAX_BODY_BYTES);
      await options.authorize?.(request, rawBody);
      const input = parseInput(options.schema, parseJson(rawBody));
      return await options.handler({ ...base, input, rawBody });
    } catch (error) {
      return mapError(error, request, options.onError);
    }
  };
}

export interface TFileRouteOptions<
  A extends TRouteAuth,
  P extends TParamsSchema | undefined,
  Q extends z.ZodType | undefined,
> extends TBaseOptions<A, P> {
  /** Query-string parameters, validated like a body. */
  query?: Q;
  handler: (context: TRouteContext<A, TParamsOf<P>> & { query: TQueryOf<Q> }) => Promise<Response>;
}

type TQueryOf<Q> = Q extends z.ZodType ? z.infer<Q> : undefined;

/** A handler without a JSON body (downloads, exports, uploads): origin → guard → params → query → handler. */
export function fileRoute<
  A extends TRouteAuth,
  P extends TParamsSchema | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(options: TFileRouteOptions<A, P, Q>) {
  return async (request: Request, next?: TNextContext): Promise<Response> => {
    try {
      const base = await prepare(options, request, next);
      const query = (
        options.query ? parseInput(options.query, Object.fromEntries(new URL(request.url).searchParams)) : undefined
      ) as TQueryOf<Q>;
      return await options.handler({ ...base, query });
    } catch (error) {
      return mapError(error, request, options.onError);
    }
  };
}

async function prepare<A extends TRouteAuth, P extends TParamsSchema | undefined>(
  options: TBaseOptions<A, P>,
  request: Request,
  next: TNextContext | undefined,
): Promise<TRouteContext<A, TParamsOf<P>>> {
  if (options.sameOrigin && !isSameOrigin(request.headers)) {
    throw new AppError("forbidden", "Cross-site request refused.");
  }
  const actor = (await actorFor(options.auth)) as TActorOf<A>;
  const rawParams = next ? await next.params : {};
  const params = (options.params ? parseInput(options.params, rawParams) : {}) as TParamsOf<P>;
  return { request, actor, params, meta: requestMetaOf(request.headers) };
}

async function actorFor(auth: TRouteAuth): Promise<TBuyerSession | TAgentSession | null> {
  if (auth === "public") return null;
  if (auth === "buyer") {
    const buyer = await currentBuyer();
    if (!buyer) throw new AppError("unauthorized", "Sign in first.");
    return buyer;
  }
  const agent = await currentAgent();
  if (!agent) throw new AppError("unauthorized", "Sign in first.");
  if (auth === "admin" && !isAdmin(agent)) throw new AppError("not_found", "Not found.");
  return agent;
}

function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  return parseOrThrow<z.infer<S>>(schema, value);
}

function parseJson(rawBody: string): unknown {
  try {
    return rawBody === "" ? {} : JSON.parse(rawBody);
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON.", {
      fieldErrors: { _: ["Not valid JSON"] },
    });
  }
}

function mapError(error: unknown, request: Request, onError: TBaseOptions<TRouteAuth, undefined>["onError"]): Response {
  if (isAppError(error) && onError) {
    const mapped = onError(error, request);
    if (mapped) return mapped;
  }
  return errorResponse(error);
}

/** Turns any thrown value into a JSON error response: AppError → its status, anything else → 500. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
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
    { status: 500, headers: { "Cache-Control": "no-store" } },
  );
}
