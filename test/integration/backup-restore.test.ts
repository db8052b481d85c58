// Backup under write load: while another process keeps committing orders (and the product files of
// DATA_DIR are there), `keydesk backup` copies the database and files; `keydesk restore` unpacks the
// archive into a fresh DATA_DIR, and lib opened on it finds every order acknowledged before the
// backup started, readable with the same secret, and the files its rows refer to. SQLite only: on
// PostgreSQL the README's pg_dump/pg_restore recipe applies.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addProductFile } from "@/lib/products/add-product-file";
import { updateBrand } from "@/lib/branding/update-brand";
import { brandLogoPath } from "@/lib/branding/brand";
import { systemMeta } from "@/lib/http/request-meta";
import { givenOrder } from "../helpers/fixtures";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server"];
const sqlite = process.env.KEYDESK_TEST_DB !== "postgres";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-backup-"));

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function keydesk(args: string[], env: Record<string, string | undefined> = {}) {
  return spawnSync(process.execPath, [...TSX, "scripts/keydesk.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
}

describe.runIf(sqlite)("backup and restore", () => {
  it("backs up while orders keep arriving and restores everything acknowledged before it", async () => {
    await db().$queryRaw`PRAGMA journal_mode = WAL`; // as npm start sets it
    await givenOrder("files@example.com", {
      items: [{ sku: "BK-1", name: "Backed Up", quantity: 1, unitAmount: 100, licenseKeys: ["A-1"] }],
    });
    const installer = path.join(work, "installer.bin");
    fs.writeFileSync(installer, Buffer.alloc(300_000, 7));
    await addProductFile({ sku: "BK-1", filePath: installer, version: "1.0" });
    const logoPath = brandLogoPath(
      await updateBrand(
        CLI_ACTOR,
        { logo: fs.readFileSync(path.join(ROOT, "test/fixtures/brand/logo.png")) },
        systemMeta(),
      ),
    );
    const logoEntry = `brand/${logoPath?.split("/").pop() ?? ""}`;

    const acknowledged: string[] = [];
    const writer: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      [...TSX, "test/helpers/processes/order-writer.ts"],
      { cwd: ROOT, env: process.env },
    );
    let buffered = "";
    writer.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("ack ")) acknowledged.push(line.slice(4));
    });
    const writerExit = new Promise<number | null>((resolve) => writer.on("exit", resolve));
    try {
      const deadline = Date.now() + 60_000;
      while (acknowledged.length < 30) {
        if (Date.now() > deadline) throw new Error("the writer acknowledged too little");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const before = [...acknowledged];
      const archive = path.join(work, "keydesk.tar.gz");
      const backup = keydesk(["backup", "--to", archive]);
      expect(backup.stderr).toBe("");
      expect(backup.status).toBe(0);
      expect(backup.stdout).toContain("is NOT in this archive: back it up separately");
      // The writer kept going during the backup.
      const during = acknowledged.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(acknowledged.length).toBeGreaterThan(during);
      writer.kill("SIGTERM");
      await writerExit;

      const listing = spawnSync("tar", ["tzf", archive], { encoding: "utf8" }).stdout.split("\n");
      expect(listing).toContain("keydesk.db");
      expect(listing).not.toContain("keydesk.secret");
      expect(listing.filter((name) => name.startsWith("files/"))).toHaveLength(1);
      expect(listing).toContain(logoEntry);

      const fresh = path.join(work, "restored");
      const restoreEnv = { DATA_DIR: fresh, DATABASE_URL: undefined };
      const restore = keydesk(["restore", "--from", archive], restoreEnv);
      expect(restore.stderr).toBe("");
      expect(restore.status).toBe(0);
      // A second restore onto the now non-empty folder is refused.
      const again = keydesk(["restore", "--from", archive], restoreEnv);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("is not empty");
      expect(fs.readFileSync(path.join(fresh, logoEntry))).toEqual(
        fs.readFileSync(path.join(ROOT, "test/fixtures/brand/logo.png")),
      );

      const read = spawnSync(process.execPath, [...TSX, "test/helpers/processes/read-restored.ts"], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, ...restoreEnv },
      });
      expect(read.stderr).toBe("");
      const restored = JSON.parse(read.stdout) as {
        pending: string[];
        externalIds: string[];
        emails: string[];
        files: boolean[];
      };
      expect(restored.pending).toEqual([]);
      expect(restored.externalIds).toEqual(expect.arrayContaining(before));
      expect(restored.emails).toContain("files@example.com");
      expect(restored.files).toEqual([true]);
    } finally {
      writer.kill("SIGKILL");
    }
  });

  it("names the problem for a bad archive or a missing --to", () => {
    const bogus = path.join(work, "bogus.tar");
    fs.writeFileSync(bogus, "not a tar file at all".repeat(40));
    const restore = keydesk(["restore", "--from", bogus], {
      DATA_DIR: path.join(work, "bogus"),
      DATABASE_URL: undefined,
    });
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/^keydesk: /);
    const backup = keydesk(["backup"]);
    expect(backup.status).toBe(1);
    expect(backup.stderr).toContain("backup --to FILE");
  });
});
