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
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stderr).not.toContain("keydesk:"); // only progress lines on stderr, no error
      expect(backup.stderr).toMatch(/^backup files: 2 files in \d+:\d\d \(/m);
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
      expect(restore.status, restore.stderr).toBe(0);
      expect(restore.stderr).toMatch(/^restore: 3 files in \d+:\d\d \(/m); // the database, the installer and the logo
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

  it("prints progress lines when stderr is not a terminal: database pages and files, then what was restored", () => {
    // Enough files for several lines; KEYDESK_PROGRESS_SECONDS=0 writes one at every step (default: every 5 s).
    const folder = path.join(process.env.DATA_DIR ?? "", "attachments", "progress");
    fs.mkdirSync(folder, { recursive: true });
    for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(folder, `file-${i}.bin`), Buffer.alloc(20_000, i));
    const archive = path.join(work, "progress.tar");
    const backup = keydesk(["backup", "--to", archive], { KEYDESK_PROGRESS_SECONDS: "0" });
    expect(backup.status, backup.stderr).toBe(0);
    const lines = backup.stderr.trim().split("\n");
    const pages = lines
      .map((line) => /^backup database: (\d+)%, ([\d,]+)\/([\d,]+) pages, [\d,]+\/s(, \d+:\d\d left)?$/.exec(line))
      .filter((match) => match !== null);
    // Several steps (64 pages or 1/200 of the database each), counting up to the whole database.
    expect(pages.length, backup.stderr).toBeGreaterThanOrEqual(3);
    const copied = pages.map((match) => Number(match[2]?.replace(/,/g, "")));
    expect(copied).toEqual([...copied].sort((a, b) => a - b));
    expect(pages.at(-1)?.[1]).toBe("100");
    expect(lines).toContainEqual(expect.stringMatching(/^backup database: [\d,]+ pages in \d+:\d\d \([\d,]+\/s\)$/));
    const files = lines.filter((line) => /^backup files: \d+%, \d+\/32 files, [\d,]+\/s/.test(line));
    expect(files.length, backup.stderr).toBeGreaterThanOrEqual(30);
    expect(lines.at(-1)).toMatch(/^backup files: 32 files in \d+:\d\d \([\d,]+\/s\)$/);

    const restore = keydesk(["restore", "--from", archive], {
      DATA_DIR: path.join(work, "restored-progress"),
      DATABASE_URL: undefined,
      KEYDESK_PROGRESS_SECONDS: "0",
    });
    expect(restore.status, restore.stderr).toBe(0);
    const restored = restore.stderr.trim().split("\n");
    expect(restored.filter((line) => /^restore: \d+%, \d+ files, [\d,]+\/s/.test(line)).length).toBe(33);
    expect(restored.at(-1)).toMatch(/^restore: 33 files in \d+:\d\d \([\d,]+\/s\)$/);
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
