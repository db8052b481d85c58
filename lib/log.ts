/**
 * Structured, one-line JSON logs. Callers pass ids, counts and codes — never personal data, tokens
 * or secrets; as a second line of defence, values under sensitive-looking keys are replaced and
 * e-mail addresses and long digit runs in strings are masked.
 */
type TLevel = "debug" | "info" | "warn" | "error";
type TFields = Record<string, unknown>;

const SENSITIVE_KEY = /pass|secret|token|key|authorization|cookie|email|name|phone|address|body|message|card|pan|cvv/i;
const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;
const DIGITS = /\d(?:[ -]?\d){12,18}/g;

export function scrubText(text: string): string {
  return text.replace(EMAIL, "[email]").replace(DIGITS, "[number]");
}

function scrub(value: unknown, key = "", depth = 0): unknown {
  if (key && SENSITIVE_KEY.test(key) && !/^(code|kind|action|id|count)$/i.test(key)) return "[redacted]";
  if (typeof value === "string") return scrubText(value);
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  if (value && typeof value === "object" && depth >= 4) return "[truncated]";
  if (value && typeof value === "object") {
    if (Array.isArray(value)) return value.map((v) => scrub(v, "", depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, k, depth + 1)]));
  }
  return value;
}

const LEVELS: readonly TLevel[] = ["debug", "info", "warn", "error"];

/** KEYDESK_LOG_LEVEL: the lowest level written (debug, info — the default —, warn or error). */
function enabled(level: TLevel): boolean {
  const configured = LEVELS.findIndex((name) => name === process.env.KEYDESK_LOG_LEVEL);
  return LEVELS.indexOf(level) >= (configured < 0 ? 1 : configured);
}

function write(level: TLevel, msg: string, fields: TFields = {}) {
  if (!enabled(level)) return;
  const line = JSON.stringify({
    t: new Date().toISOString(),
    level,
    msg: scrubText(msg),
    ...(scrub(fields) as TFields),
  });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export const log = {
  debug: (msg: string, fields?: TFields) => write("debug", msg, fields),
  info: (msg: string, fields?: TFields) => write("info", msg, fields),
  warn: (msg: string, fields?: TFields) => write("warn", msg, fields),
  error: (msg: string, fields?: TFields) => write("error", msg, fields),
};
