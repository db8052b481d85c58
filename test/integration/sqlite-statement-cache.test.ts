// The SQLite connection compiles each distinct SQL text once (lib/db/adapter.ts): a repeated query
// reuses its statement with new arguments, the cache stays bounded, and Prisma's own queries and
// transactions run through it (every other SQLite integration test does too).
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { cachePreparedStatements, createAdapterFactory } from "@/lib/db/adapter";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-statement-cache-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function counted(file: string) {
  const client = new Database(path.join(dir, file));
  const compiled: string[] = [];
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => {
    compiled.push(sql);
    return prepare(sql);
  };
  return { client, compiled };
}

describe("the SQLite statement cache", () => {
  it("compiles a SQL text once and runs it with each call's own arguments", () => {
    const { client, compiled } = counted("a.db");
    cachePreparedStatements(client);
    client.prepare("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)").bind([]).run();
    const insert = "INSERT INTO t (id, name) VALUES (?, ?)";
    for (let i = 1; i <= 3; i++)
      client
        .prepare(insert)
        .bind([i, `n${i}`])
        .run();
    const select = "SELECT name FROM t WHERE id = ?";
    const rows = [2, 3, 1].map((id) => client.prepare(select).bind([id]).raw().all());
    expect(rows).toEqual([[["n2"]], [["n3"]], [["n1"]]]);
    expect(
      client
        .prepare(select)
        .bind([1])
        .columns()
        .map((c) => c.name),
    ).toEqual(["name"]);
    expect([client.prepare(select).reader, client.prepare(insert).reader]).toEqual([true, false]);
    expect(compiled.filter((sql) => sql === insert)).toHaveLength(1);
    expect(compiled.filter((sql) => sql === select)).toHaveLength(1);
    client.close();
  });

  it("keeps at most `size` statements, dropping the least recently used", () => {
    const { client, compiled } = counted("b.db");
    cachePreparedStatements(client, 2);
    const q = (n: number) => client.prepare(`SELECT ${n}`).bind([]).raw().all();
    q(1);
    q(2);
    q(1); // 1 is now the most recent
    q(3); // evicts 2
    q(1);
    q(2); // compiled again
    expect(compiled).toEqual(["SELECT 1", "SELECT 2", "SELECT 3", "SELECT 2"]);
    client.close();
  });

  it("serves Prisma's queries and transactions on a fresh connection", async () => {
    const { factory } = createAdapterFactory(`file:${path.join(dir, "prisma.db")}`);
    const adapter = await factory.connect();
    await adapter.executeScript("CREATE TABLE k (key TEXT PRIMARY KEY, n INTEGER NOT NULL)");
    const query = (sql: string, args: unknown[] = []) =>
      ({ sql, args, argTypes: args.map(() => ({ scalarType: "string", arity: "scalar" })) }) as never;
    const run = (sql: string, args: unknown[]) => adapter.executeRaw(query(sql, args));
    await run("INSERT INTO k (key, n) VALUES (?, 1)", ["a"]);
    await run("INSERT INTO k (key, n) VALUES (?, 1)", ["b"]);
    const tx = await adapter.startTransaction();
    await tx.executeRaw(query("UPDATE k SET n = n + 1 WHERE key = ?", ["a"]));
    await tx.executeRaw(query("COMMIT"));
    await tx.commit();
    const result = await adapter.queryRaw({
      sql: "SELECT key, n FROM k ORDER BY key",
      args: [],
      argTypes: [],
    });
    expect(result.rows).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
    await adapter.dispose();
  });
});
