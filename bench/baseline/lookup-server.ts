// The same-run baseline for POST /api/v1/lookup: what the look-up costs on this machine when written
// directly on node:http + better-sqlite3, doing the same careful work as Keydesk and nothing less.
//
//   tsx bench/baseline/lookup-server.ts <database file> <port>      (bench/run.ts starts it)
//
// Per request: read the JSON body (size-limited), validate and normalise the address with the rules
// of lib/buyers/email-address.ts, compute the keyed blind index (HMAC-SHA256 under an HKDF-derived
// key, as lib/crypto does), count the per-IP and per-address limits in the database (same windows
// and maxima as lib/buyers/request-sign-in-link.ts), read the customer through its unique index,
// make a 256-bit token and store only its keyed hash, and write an AES-256-GCM encrypted outbox row.
// Unknown addresses do the same statements (a token row and an outbox row a worker discards), so the
// answer and its timing do not depend on the address. Everything for one request commits in one
// transaction, with the database settings Keydesk's connection has: WAL, and better-sqlite3's build
// default for WAL databases, synchronous = NORMAL (SQLITE_DEFAULT_WAL_SYNCHRONOUS=1).
//
// Deliberately self-contained (it imports nothing from lib/): the baseline must not change when the
// application's code does.
import http from "node:http";
import { createCipheriv, createHmac, randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { z } from "zod";
import { BASELINE_SCHEMA, baselineEmailIndex, deriveBaselineKey } from "./baseline-db";

const MAX_BODY_BYTES = 1_000_000;
const LIMIT_PER_IP = { name: "lookup:ip", max: 10, windowSeconds: 15 * 60 };
const LIMIT_PER_ADDRESS = { name: "lookup:address", max: 5, windowSeconds: 60 * 60 };
const LINK_MINUTES = 15;

// Mirrors ZBuyerEmail (lib/buyers/email-address.ts): trimmed, plain ASCII, lower-cased, a valid address.
const ZEmail = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .refine((v) => /^[\x21-\x7e]+$/.test(v))
  .transform((v) => v.toLowerCase())
  .pipe(z.email());

function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.baseline.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

function newId(): string {
  return randomBytes(15).toString("base64url");
}

function main() {
  const [file, portText] = process.argv.slice(2);
  const secret = process.env.KEYDESK_SECRET;
  if (!file || !portText || !secret) throw new Error("usage: KEYDESK_SECRET=… lookup-server.ts <db file> <port>");
  const trustedHops = Number(process.env.TRUST_PROXY ?? "0");
  const master = Buffer.from(secret, "base64");
  const keys = {
    email: deriveBaselineKey(master, "blind-index:email"),
    token: deriveBaselineKey(master, "token-hash"),
    encryption: deriveBaselineKey(master, "encryption"),
  };

  const db = new Database(file, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.exec(BASELINE_SCHEMA);
  // One statement per limit: a new window when the old one has passed, else one more hit.
  const hit = db.prepare<[{ key: string; resetAt: number; now: number }], { count: number; resetAt: number }>(
    `INSERT INTO RateLimit (key, count, resetAt) VALUES (@key, 1, @resetAt)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN resetAt <= @now THEN 1 ELSE count + 1 END,
       resetAt = CASE WHEN resetAt <= @now THEN @resetAt ELSE resetAt END
     RETURNING count, resetAt`,
  );
  const findCustomer = db.prepare<[string], { id: string }>("SELECT id FROM Customer WHERE emailHash = ?");
  const insertToken = db.prepare(
    "INSERT INTO VerificationToken (id, tokenHash, purpose, identifier, expiresAt) VALUES (?, ?, ?, ?, ?)",
  );
  const insertOutbox = db.prepare(
    "INSERT INTO OutboxMessage (id, channel, kind, payloadEnc, nextAttemptAt, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
  );

  const limit = (rule: typeof LIMIT_PER_IP, subject: string, now: number) => {
    const row = hit.get({ key: `${rule.name}:${subject}`, resetAt: now + rule.windowSeconds * 1000, now });
    if (!row) throw new Error("rate limit row missing");
    return row.count <= rule.max ? 0 : Math.max(1, Math.ceil((row.resetAt - now) / 1000));
  };

  const lookup = db.transaction((ip: string, email: string): number => {
    const now = Date.now();
    const identifier = baselineEmailIndex(keys.email, email);
    const wait = limit(LIMIT_PER_IP, ip, now) || limit(LIMIT_PER_ADDRESS, identifier, now);
    if (wait) return wait;
    const customer = findCustomer.get(identifier);
    const token = randomBytes(32).toString("base64url");
    const tokenHash = createHmac("sha256", keys.token).update(token).digest("base64url");
    const expiresAt = now + LINK_MINUTES * 60_000;
    insertToken.run(newId(), tokenHash, customer ? "buyer_sign_in" : "decoy", identifier, expiresAt);
    const mail = JSON.stringify({
      to: email,
      subject: "Your sign-in link",
      text: `Open http://localhost/lookup/verify?token=${token} within ${LINK_MINUTES} minutes.`,
    });
    insertOutbox.run(
      newId(),
      customer ? "mail" : "task",
      customer ? "buyer.sign_in_link" : "discard",
      seal(keys.encryption, mail, "outbox.mail"),
      now,
      now,
    );
    return 0;
  });

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/api/v1/lookup") return send(res, 404, { error: { code: "not_found" } });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", () => {
      try {
        let json: unknown;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          return send(res, 400, { error: { code: "invalid_input", fields: { _: ["Not valid JSON"] } } });
        }
        const parsed = ZEmail.safeParse(
          typeof json === "object" && json ? (json as { email?: unknown }).email : undefined,
        );
        if (!parsed.success)
          return send(res, 400, { error: { code: "invalid_input", fields: { email: ["invalid"] } } });
        const forwarded = String(req.headers["x-forwarded-for"] ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const chain = [...forwarded, req.socket.remoteAddress ?? "unknown"];
        const ip = chain[Math.max(0, chain.length - 1 - trustedHops)] ?? "unknown";
        const wait = lookup(ip, parsed.data);
        if (wait) return send(res, 429, { error: { code: "rate_limited" } }, { "retry-after": String(wait) });
        send(res, 202, { status: "sent" });
      } catch (error) {
        console.error(error);
        send(res, 500, { error: { code: "internal" } });
      }
    });
  });
  server.listen(Number(portText), "127.0.0.1", () => console.log(`baseline: listening on ${portText}`));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
}

main();
