// The baseline look-up server's database: its schema, the key derivation and blind index it shares
// with lib/crypto (re-implemented here so the baseline never changes with the application), and the
// seeding of known customers, so bench/run.ts can give it the same addresses Keydesk knows.
import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import Database from "better-sqlite3";

export const BASELINE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS Customer (id TEXT PRIMARY KEY, emailHash TEXT NOT NULL, emailEnc TEXT NOT NULL);
  CREATE UNIQUE INDEX IF NOT EXISTS Customer_emailHash_key ON Customer(emailHash);
  CREATE TABLE IF NOT EXISTS RateLimit (key TEXT PRIMARY KEY, count INTEGER NOT NULL, resetAt INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS VerificationToken (
    id TEXT PRIMARY KEY, tokenHash TEXT NOT NULL, purpose TEXT NOT NULL, identifier TEXT NOT NULL,
    expiresAt INTEGER NOT NULL);
  CREATE UNIQUE INDEX IF NOT EXISTS VerificationToken_tokenHash_key ON VerificationToken(tokenHash);
  CREATE TABLE IF NOT EXISTS OutboxMessage (
    id TEXT PRIMARY KEY, channel TEXT NOT NULL, kind TEXT NOT NULL, payloadEnc TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending', nextAttemptAt INTEGER NOT NULL, createdAt INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS OutboxMessage_status_nextAttemptAt_idx ON OutboxMessage(status, nextAttemptAt);
`;

/** The same derivation as lib/crypto/keys.ts (HKDF-SHA256, salt "keydesk.v1", purpose as info). */
export function deriveBaselineKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.from("keydesk.v1"), Buffer.from(purpose), 32));
}

/** Blind index of an address, as lib/crypto/blind-index.ts computes it. */
export function baselineEmailIndex(key: Buffer, email: string): string {
  return createHmac("sha256", key).update(email.normalize("NFC").trim().toLowerCase()).digest("base64url");
}

/** Creates the baseline database with one customer per address (one transaction: fast). */
export function seedBaselineDatabase(file: string, secret: string, emails: readonly string[]): void {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(BASELINE_SCHEMA);
    const key = deriveBaselineKey(Buffer.from(secret, "base64"), "blind-index:email");
    const insert = db.prepare("INSERT OR IGNORE INTO Customer (id, emailHash, emailEnc) VALUES (?, ?, ?)");
    db.transaction(() => {
      for (const email of emails) {
        // The stored ciphertext is never read by the look-up; random bytes of a similar size stand in.
        insert.run(
          randomBytes(15).toString("base64url"),
          baselineEmailIndex(key, email),
          randomBytes(60).toString("base64url"),
        );
      }
    })();
  } finally {
    db.close();
  }
}
