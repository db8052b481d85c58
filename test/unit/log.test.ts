// lib/log.ts: one JSON line per call, personal data scrubbed (sensitive keys, addresses, long digit
// runs), and KEYDESK_LOG_LEVEL as the lowest level written.
import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";

function captured(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => lines.push(String(chunk)) > 0);
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => lines.push(String(chunk)) > 0);
  try {
    run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => {
  delete process.env.KEYDESK_LOG_LEVEL;
});

describe("log", () => {
  it("scrubs sensitive keys, addresses and card-like numbers", () => {
    const [line] = captured(() =>
      log.info("mail to ada@example.com failed", {
        email: "ada@example.com",
        token: "abc",
        note: "card 4111 1111 1111 1111 from bob@example.org",
        id: "ord_1",
        count: 3,
      }),
    );
    expect(line).toMatchObject({
      level: "info",
      msg: "mail to [email] failed",
      email: "[redacted]",
      token: "[redacted]",
      note: "card [number] from [email]",
      id: "ord_1",
      count: 3,
    });
  });

  it("writes from KEYDESK_LOG_LEVEL up (info by default)", () => {
    const levels = (setting?: string) => {
      if (setting) process.env.KEYDESK_LOG_LEVEL = setting;
      else delete process.env.KEYDESK_LOG_LEVEL;
      return captured(() => {
        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e");
      }).map((line) => line.level);
    };
    expect(levels()).toEqual(["info", "warn", "error"]);
    expect(levels("debug")).toEqual(["debug", "info", "warn", "error"]);
    expect(levels("warn")).toEqual(["warn", "error"]);
    expect(levels("error")).toEqual(["error"]);
    expect(levels("nonsense")).toEqual(["info", "warn", "error"]);
  });
});
