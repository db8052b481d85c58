import type enPortal from "@/messages/en/portal.json";

/**
 * Errors a use case raises on purpose. Each code maps to one HTTP status and a message that is
 * safe to show; anything else is an internal error, logged without personal data and shown as a
 * generic message.
 */
export type TErrorCode =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "payload_too_large"
  | "unavailable";

const STATUS: Record<TErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export type TFieldErrors = Record<string, string[]>;

/** A buyer-facing message of the catalogue's `errors.messages` (messages/en/portal.json). */
export type TErrorKey = keyof (typeof enPortal)["errors"]["messages"];

/** Values for a message's placeholders (`{item}`, `{days}`); `{minutes}` comes from retryAfterSeconds. */
export type TErrorValues = Record<string, string | number>;

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly fieldErrors: TFieldErrors | undefined;
  readonly retryAfterSeconds: number | undefined;
  /**
   * The message's key in the catalogue's `errors.messages` (lib/i18n/failures.ts): a buyer reading
   * another language than English gets its translation (with `values`); `message` is the English
   * one, for English pages, logs and the console. Every buyer-reachable AppError has one
   * (test/unit/i18n-buyer-errors.test.ts); without, a buyer gets the code's generic translation.
   */
  readonly key: TErrorKey | undefined;
  readonly values: TErrorValues | undefined;
  /** Per field with an error, the key of its message in `errors.messages` (same `values`). */
  readonly fieldKeys: Partial<Record<string, TErrorKey>> | undefined;

  constructor(
    code: TErrorCode,
    message: string,
    options: {
      fieldErrors?: TFieldErrors;
      retryAfterSeconds?: number;
      key?: TErrorKey;
      values?: TErrorValues;
      fieldKeys?: Partial<Record<string, TErrorKey>>;
    } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.key = options.key;
    this.values = options.values;
    this.fieldKeys = options.fieldKeys;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Field errors from a zod error, keyed by dotted path ("customer.email", "items.0.sku"). */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): TFieldErrors {
  const out: TFieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Validates `value` with a zod schema, or throws `invalid_input` naming every bad field — the one
 * way to parse input that did not come through a wrapper (a CLI argument, a stored JSON column).
 */
export function parseOrThrow<T>(
  schema: {
    safeParse(
      value: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  message = "Some fields are missing or invalid.",
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new AppError("invalid_input", message, { fieldErrors: fieldErrorsOf(parsed.error.issues) });
  return parsed.data;
}
