import { describe, expect, it } from "vitest";
import { formatDuration, startProgress } from "@/lib/progress/progress-reporter";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 120, write: (chunk: string) => writes.push(chunk) > 0 } };
}

describe("startProgress", () => {
  it("redraws one bar in place on a terminal, with count, rate and time left", () => {
    let now = 0;
    const { writes, stream } = fakeStream(true);
    const progress = startProgress({ label: "orders:import", unit: "orders", stream, now: () => now });
    now = 2_000;
    progress.update(10_000, 0.25);
    now = 2_050;
    progress.update(10_500, 0.26); // within 100 ms: not redrawn
    now = 4_000;
    progress.update(20_000, 0.5);
    expect(writes).toHaveLength(2);
    expect(writes[0]).toBe(`\rorders:import [######${"-".repeat(18)}]  25% 10,000 orders · 5,000/s · 0:06 left\x1b[K`);
    expect(writes[1]).toContain("50% 20,000 orders · 5,000/s · 0:04 left");
    progress.finish("interrupted");
    expect(writes[2]).toBe("\r\x1b[Korders:import: 20,000 orders in 0:04 (5,000/s), interrupted\n");
  });

  it("writes a plain line every few seconds when not on a terminal (CI, logs)", () => {
    let now = 0;
    const { writes, stream } = fakeStream(false);
    const progress = startProgress({ label: "backup", unit: "files", total: 400, stream, now: () => now });
    for (let i = 1; i <= 400; i++) {
      now = i * 50; // 20 files a second, 20 s in all
      progress.update(i);
    }
    progress.finish();
    // A line at the first update, then one every 5 s, then the summary.
    expect(writes).toEqual([
      "backup: 0%, 1/400 files, 20/s, 0:20 left\n",
      "backup: 25%, 101/400 files, 20/s, 0:15 left\n",
      "backup: 50%, 201/400 files, 20/s, 0:10 left\n",
      "backup: 75%, 301/400 files, 20/s, 0:05 left\n",
      "backup: 400 files in 0:20 (20/s)\n",
    ]);
  });

  it("takes the line interval from KEYDESK_PROGRESS_SECONDS (0: a line at every step)", () => {
    const { writes, stream } = fakeStream(false);
    process.env.KEYDESK_PROGRESS_SECONDS = "0";
    try {
      const progress = startProgress({ label: "retention", unit: "rows", total: 300, stream, now: () => 1 });
      for (const done of [100, 200, 300]) progress.update(done);
    } finally {
      delete process.env.KEYDESK_PROGRESS_SECONDS;
    }
    expect(writes).toHaveLength(3);
    expect(writes[2]).toMatch(/^retention: 100%, 300\/300 rows, /);
  });

  it("formats durations", () => {
    expect([formatDuration(5), formatDuration(65), formatDuration(3_725), formatDuration(NaN)]).toEqual([
      "0:05",
      "1:05",
      "1:02:05",
      "?",
    ]);
  });
});
