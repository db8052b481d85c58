import { describe, expect, it } from "vitest";
import { groupCalls } from "@/lib/outbox/group-calls";

describe("groupCalls (the worker's grouped row updates)", () => {
  it("writes calls made together in one run, and later calls in the next run, answering each", async () => {
    const runs: number[][] = [];
    const double = groupCalls(async (items: number[]) => {
      runs.push(items);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return items.map((n) => n * 2);
    });
    const first = [1, 2, 3].map(double);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Made while the first run is in flight: they wait for it and then go in together.
    const second = [4, 5].map(double);
    expect(await Promise.all([...first, ...second])).toEqual([2, 4, 6, 8, 10]);
    expect(runs).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    // Idle again: the next call is run on its own.
    expect(await double(6)).toBe(12);
    expect(runs.at(-1)).toEqual([6]);
  });

  it("rejects exactly the calls of a failed run and keeps going", async () => {
    const check = groupCalls((items: string[]) =>
      items.includes("bad") ? Promise.reject(new Error("database down")) : Promise.resolve(items.map(() => true)),
    );
    const failed = Promise.allSettled([check("a"), check("bad")]);
    expect((await failed).map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await check("c")).toBe(true);
  });
});
