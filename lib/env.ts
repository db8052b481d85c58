import "server-only";
import { z } from "zod";
import path from "node:path";
import { loadMasterSecret } from "@/lib/crypto/master-secret";

/**
 * The environment, parsed once. Nothing else in Keydesk reads `process.env`: every setting has a
 * name, a type and a default here, and a bad value stops the process with a message naming it.
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, "must start with file:, postgres:// or postgresql://")
    .optional(),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  KEYDESK_SECRET: z.string().optional(),
  KEYDESK_SECRET_PREVIOUS: z.string().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default("Keydesk <no-reply@localhost>"),
  /**
   * `on` lets a public APP_URL run without SMTP_URL, keeping every mail (sign-in links included)
   * in the dev mailbox; without it such a deployment refuses to start (lib/system/check-mail-setup.ts).
   */
  KEYDESK_DEV_MAILBOX: z.enum(["on", "off"]).default("off"),
  KEYDESK_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  /** Tests and local stand-ins only: lets the refund webhook go to http://127.0.0.1 / localhost. */
  KEYDESK_WEBHOOK_ALLOW_LOOPBACK: z.enum(["on", "off"]).default("off"),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Tests only: `on` lets the cookie value `en-XA` show every message wrapped in ⟦…⟧ (lib/i18n/pseudo.ts). */
  KEYDESK_PSEUDO_LOCALE: z.enum(["on", "off"]).default("off"),
  /** `off` keeps the mail worker out of `npm start` (run `keydesk worker` separately). */
  KEYDESK_WORKER: z.enum(["on", "off"]).default("on"),
  KEYDESK_MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay; each further attempt doubles it (capped at one hour). */
  KEYDESK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  KEYDESK_AGENT_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  KEYDESK_AGENT_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  KEYDESK_BUYER_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  KEYDESK_BUYER_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  /** How long a buyer's sign-in link works. */
  /** Set by scripts/server.mjs itself (not by operators): the client-IP header is trustworthy. */
  KEYDESK_SERVER: z.enum(["1"]).optional(),
  /** How long a store delivery's raw payload is kept (encrypted) for replays before only its outcome remains. */
  KEYDESK_STORE_PAYLOAD_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  KEYDESK_SIGN_IN_LINK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Bearer token for GET /metrics; unset: /metrics answers 404. */
  KEYDESK_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Seconds between progress lines of long commands when not on a terminal (0: a line at every step). */
  KEYDESK_PROGRESS_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  /** How often the worker runs the retention job (the heavy purges); 0 turns it off. */
  KEYDESK_RETENTION_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** Rows deleted per statement: small batches keep each lock short while the portal writes. */
  KEYDESK_RETENTION_BATCH: z.coerce.number().int().min(10).max(10_000).default(500),
  /** A rate-limit row is deleted this long after its window ended. */
  KEYDESK_KEEP_RATE_LIMITS_HOURS: z.coerce.number().int().min(0).max(8760).default(1),
  /** Ended (signed out, revoked or expired) sessions stay this long: the buyer's activity page lists them. */
  KEYDESK_KEEP_SESSIONS_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Used or expired link tokens (sign-in, ticket, e-mail change, set-up) stay this long, so an old link says "expired". */
  KEYDESK_KEEP_LINKS_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  /** Idempotency keys are deleted this long after they expired (an expired key is never replayed). */
  KEYDESK_KEEP_IDEMPOTENCY_HOURS: z.coerce.number().int().min(0).max(8760).default(24),
  /** Delivered outbox rows (mail sent, tasks done) stay this long after delivery. */
  KEYDESK_KEEP_OUTBOX_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Dead letters stay this long after they were created, so an admin can still retry them. */
  KEYDESK_KEEP_DEAD_LETTERS_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Audit events (access history, console actions) are kept this long: two years by default. */
  KEYDESK_KEEP_AUDIT_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(36500)
    .default(2 * 365),
  /**
   * A store's received-events log (outcome, ids; the raw payload is long gone) is kept this long. A
   * provider redelivers for days at most, so after this a row no longer guards against a duplicate.
   */
  KEYDESK_KEEP_STORE_EVENTS_DAYS: z.coerce
    .number()
    .int()
    .min(30)
    .max(36500)
    .default(2 * 365),
});

export type TEnv = ReturnType<typeof buildEnv>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function buildEnv(source: NodeJS.ProcessEnv) {
  const parsed = ZEnv.safeParse(emptyToUndefined(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const raw = parsed.data;
  const { dataDir, databaseUrl } = locate(raw);
  const appUrl = (raw.APP_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, "");
  const secrets = loadMasterSecret({
    value: raw.KEYDESK_SECRET,
    previous: raw.KEYDESK_SECRET_PREVIOUS,
    dataDir,
    production: raw.NODE_ENV === "production",
  });
  return {
    nodeEnv: raw.NODE_ENV,
    port: raw.PORT,
    dataDir,
    databaseUrl,
    databaseProvider: databaseUrl.startsWith("file:") ? ("sqlite" as const) : ("postgres" as const),
    appUrl,
    appOrigin: new URL(appUrl).origin,
    secureCookies: appUrl.startsWith("https://"),
    masterSecret: secrets.current,
    previousSecrets: secrets.previous,
    secretSource: secrets.source,
    smtpUrl: raw.SMTP_URL,
    /** No SMTP_URL: mail stays in the dev mailbox (DATA_DIR/mail, /agent/mailbox). */
    devMailbox: raw.SMTP_URL === undefined,
    devMailboxForced: raw.KEYDESK_DEV_MAILBOX === "on",
    mailFrom: raw.MAIL_FROM,
    webhookSecret: raw.KEYDESK_WEBHOOK_SECRET,
    webhookAllowLoopback: raw.KEYDESK_WEBHOOK_ALLOW_LOOPBACK === "on",
    trustProxy: raw.TRUST_PROXY,
    behindKeydeskServer: raw.KEYDESK_SERVER === "1",
    workerInProcess: raw.KEYDESK_WORKER === "on",
    mailMaxAttempts: raw.KEYDESK_MAIL_MAX_ATTEMPTS,
    retryBaseMs: raw.KEYDESK_RETRY_BASE_MS,
    agentIdleMs: raw.KEYDESK_AGENT_IDLE_MINUTES * 60_000,
    agentAbsoluteMs: raw.KEYDESK_AGENT_ABSOLUTE_HOURS * 3_600_000,
    buyerIdleMs: raw.KEYDESK_BUYER_IDLE_MINUTES * 60_000,
    buyerAbsoluteMs: raw.KEYDESK_BUYER_ABSOLUTE_HOURS * 3_600_000,
    signInLinkMs: raw.KEYDESK_SIGN_IN_LINK_MINUTES * 60_000,
    storePayloadMs: raw.KEYDESK_STORE_PAYLOAD_DAYS * 86_400_000,
    metricsToken: raw.KEYDESK_METRICS_TOKEN,
    pseudoLocale: raw.KEYDESK_PSEUDO_LOCALE === "on",
    retention: {
      intervalMs: raw.KEYDESK_RETENTION_INTERVAL_MINUTES * 60_000,
      batchSize: raw.KEYDESK_RETENTION_BATCH,
      rateLimitsMs: raw.KEYDESK_KEEP_RATE_LIMITS_HOURS * HOUR_MS,
      sessionsMs: raw.KEYDESK_KEEP_SESSIONS_DAYS * DAY_MS,
      linksMs: raw.KEYDESK_KEEP_LINKS_DAYS * DAY_MS,
      idempotencyMs: raw.KEYDESK_KEEP_IDEMPOTENCY_HOURS * HOUR_MS,
      outboxMs: raw.KEYDESK_KEEP_OUTBOX_DAYS * DAY_MS,
      deadLettersMs: raw.KEYDESK_KEEP_DEAD_LETTERS_DAYS * DAY_MS,
      auditMs: raw.KEYDESK_KEEP_AUDIT_DAYS * DAY_MS,
      storeEventsMs: raw.KEYDESK_KEEP_STORE_EVENTS_DAYS * DAY_MS,
    },
  };
}

function locate(raw: { DATA_DIR: string; DATABASE_URL?: string | undefined }) {
  const dataDir = path.resolve(raw.DATA_DIR);
  return { dataDir, databaseUrl: raw.DATABASE_URL ?? `file:${path.join(dataDir, "keydesk.db")}` };
}

/**
 * Where the data lives (`DATA_DIR`, `DATABASE_URL`) without loading — or creating — the master
 * secret: `keydesk restore` must find DATA_DIR empty, and a first `env()` would write a new secret
 * into it.
 */
export function storageLocation(): { dataDir: string; databaseUrl: string } {
  const parsed = ZEnv.pick({ DATA_DIR: true, DATABASE_URL: true }).safeParse(emptyToUndefined(process.env));
  if (!parsed.success) {
    throw new Error(
      `Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return locate(parsed.data);
}

/**
 * How far apart progress lines are when not on a terminal (`KEYDESK_PROGRESS_SECONDS`), read
 * without loading the master secret: `keydesk restore` runs before DATA_DIR holds one.
 */
export function progressLineEveryMs(): number {
  const parsed = ZEnv.pick({ KEYDESK_PROGRESS_SECONDS: true }).safeParse(emptyToUndefined(process.env));
  if (!parsed.success)
    throw new Error(`Invalid environment: KEYDESK_PROGRESS_SECONDS: ${parsed.error.issues[0]?.message}`);
  return parsed.data.KEYDESK_PROGRESS_SECONDS * 1000;
}

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

let cached: TEnv | undefined;

/** The parsed environment (parsed on first use, then cached for the life of the process). */
export function env(): TEnv {
  cached ??= buildEnv(process.env);
  return cached;
}

/** Tests only: parse again after changing `process.env`. */
export function resetEnvForTests(): void {
  cached = undefined;
}
