import { describe, expect, it } from "vitest";
import { formatBytes, formatDate, formatDateTime, formatMoney, formatOrList } from "@/app/_components/format";

// The formatters are built once per language and options: a key that left something out would hand
// one language's (or zone's, or currency's) format to another.
describe("shared formatting", () => {
  const at = "2026-11-01T10:00:00Z";

  it("keeps languages, time zones and currencies apart", () => {
    expect(formatDateTime(at, "UTC", "en")).toBe("1 Nov 2026, 10:00 UTC");
    expect(formatDateTime(at, "Asia/Tokyo", "en")).toMatch(/19:00 GMT\+9$/);
    expect(formatDateTime(at, "UTC", "de")).toMatch(/^1\. Nov\. 2026/);
    expect(formatDate(at, "UTC", "ja")).toBe("2026/11/01");
    expect(formatDate(at, "UTC", "en")).toBe("1 Nov 2026");
    expect(formatMoney(4900, "EUR")).toBe("€49.00");
    expect(formatMoney(4900, "JPY")).toBe("JP¥4,900");
    expect(formatMoney(4900, "EUR", "de")).toBe("49,00\u00a0€");
    expect(formatBytes(88_080_384)).toBe("84 MB");
    expect(formatBytes(1_536)).toBe("1.5 KB");
    expect(formatOrList(["a", "b", "c"], "en")).toBe("a, b or c");
    expect(formatOrList(["a", "b", "c"], "de")).toBe("a, b oder c");
  });
});
