import "server-only";
import { z } from "zod";

// The backup archive: a tar file (gzip-compressed when its name ends in .gz or .tgz) holding
//   keydesk-backup.json   this manifest
//   keydesk.db            a consistent copy of the SQLite database
//   files/…               product files           ┐ the folders of DATA_DIR that
//   attachments/…         ticket attachments      │ database rows refer to
//   mail/…                the dev mailbox (.eml)  │
//   brand/…               the vendor's logo files ┘
//   keydesk.secret        only with --include-secret
// Anything can read it (`tar tzf backup.tar.gz`); `keydesk restore` accepts nothing else.

export const MANIFEST_NAME = "keydesk-backup.json";
export const DATABASE_NAME = "keydesk.db";
export const SECRET_NAME = "keydesk.secret";
/** The folders of DATA_DIR that belong in a backup (uploads/ holds only unfinished uploads). */
export const DATA_FOLDERS = ["files", "attachments", "mail", "brand"] as const;

export const ZBackupManifest = z.object({
  format: z.literal(1),
  createdAt: z.iso.datetime(),
  database: z.literal(DATABASE_NAME),
  databaseBytes: z.number().int().min(0),
  files: z.number().int().min(0),
  migrations: z.array(z.string()),
  includesSecret: z.boolean(),
});
export type TBackupManifest = z.infer<typeof ZBackupManifest>;

const SAFE_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** Whether an archive entry may be written into DATA_DIR: known names only, never outside it. */
export function isAllowedEntry(name: string): boolean {
  if (name === MANIFEST_NAME || name === DATABASE_NAME || name === SECRET_NAME) return true;
  const parts = name.split("/");
  return (
    parts.length >= 2 &&
    (DATA_FOLDERS as readonly string[]).includes(parts[0]!) &&
    parts.slice(1).every((part) => SAFE_PART.test(part) && part !== "..")
  );
}

/** What the operator must read after a backup: the secret is not in it (unless asked for). */
export function secretNote(includesSecret: boolean): string {
  return includesSecret
    ? "WARNING: this archive contains the master secret. Anyone with the file can read every encrypted field and sign in links: store it encrypted and apart from other copies."
    : "The master secret (KEYDESK_SECRET, or DATA_DIR/keydesk.secret) is NOT in this archive: back it up separately. Without it the encrypted fields of the backup cannot be read.";
}
