// Opens a restored DATA_DIR through lib, as the app would: prints the pending migrations, every
// order's external id, every customer address decrypted (proves the secret still fits) and the
// product files that lib finds on disk, as one JSON line.
import fs from "node:fs";
import { db, disconnectDb } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { ENC } from "@/lib/crypto/contexts";
import { pendingMigrations } from "@/lib/system/prepare-database";
import { storedFilePath } from "@/lib/downloads/stored-file-path";

const orders = await db().order.findMany({ select: { externalId: true } });
const customers = await db().customer.findMany({ select: { emailEnc: true } });
const files = await db().productFile.findMany({ select: { storagePath: true, size: true } });
console.log(
  JSON.stringify({
    pending: await pendingMigrations(),
    externalIds: orders.map((o) => o.externalId),
    emails: customers.map((c) => decrypt(c.emailEnc, ENC.customerEmail)),
    files: files.map((f) => {
      const file = storedFilePath(f.storagePath);
      return file !== null && fs.existsSync(file) && fs.statSync(file).size === Number(f.size);
    }),
  }),
);
await disconnectDb();
