// One browser-name parser for /account and /activity: the same user agent gets the same name on
// both pages; browsers that also claim to be Chrome or Safari are named for what they are.
import { describe, expect, it } from "vitest";
import { describeBrowser, MAX_UNKNOWN_AGENT_LENGTH } from "@/lib/accounts/describe-browser";

const UA = {
  headlessLinux:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
  firefoxWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  firefoxIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
  edgeAndroid:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.2903.87",
  operaMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
  chromeAndroid:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36",
  chromeIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
  chromebook:
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  chromiumLinux:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/118.0.0.0 Safari/537.36",
};

describe("describeBrowser", () => {
  it.each([
    [UA.headlessLinux, "Headless Chrome 156 on Linux"],
    [UA.safariIphone, "Safari 18 on iOS"],
    [UA.safariMac, "Safari 17 on macOS"],
    [UA.firefoxWindows, "Firefox 133 on Windows"],
    [UA.firefoxIphone, "Firefox 121 on iOS"],
    [UA.edgeWindows, "Edge 131 on Windows"],
    [UA.edgeAndroid, "Edge 131 on Android"],
    [UA.operaMac, "Opera 106 on macOS"],
    [UA.chromeAndroid, "Chrome 131 on Android"],
    [UA.chromeIphone, "Chrome 120 on iOS"],
    [UA.chromebook, "Chrome 120 on ChromeOS"],
    [UA.chromiumLinux, "Chrome 118 on Linux"],
  ])("names %s as %s", (userAgent, name) => {
    expect(describeBrowser(userAgent)).toBe(name);
  });

  it("names a missing user agent, and shows an unknown one as sent, shortened", () => {
    expect(describeBrowser(null)).toBe("Unknown browser");
    expect(describeBrowser("")).toBe("Unknown browser");
    expect(describeBrowser("curl/8.5.0")).toBe("curl/8.5.0");
    const long = `SomeBot/1.0 (${"x".repeat(200)})`;
    const shown = describeBrowser(long);
    expect(shown).toHaveLength(MAX_UNKNOWN_AGENT_LENGTH);
    expect(shown.endsWith("…")).toBe(true);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
  });
});
