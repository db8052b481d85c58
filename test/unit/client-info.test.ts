import { afterEach, describe, expect, it } from "vitest";
import { clientIp, isSameOrigin } from "@/lib/http/client-info";
import { resetEnvForTests } from "@/lib/env";

function headers(init: Record<string, string>) {
  return new Headers(init);
}

afterEach(() => {
  delete process.env.TRUST_PROXY;
  delete process.env.APP_URL;
  resetEnvForTests();
});

describe("clientIp", () => {
  it("ignores client-supplied X-Forwarded-For entries unless proxies are trusted", () => {
    // Next.js appends the socket peer as the last entry; anything before it came from the client.
    const h = headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.5" });
    expect(clientIp(h)).toBe("10.0.0.5");
    process.env.TRUST_PROXY = "1";
    resetEnvForTests();
    expect(clientIp(h)).toBe("6.6.6.6");
  });

  it("strips the IPv4-mapped IPv6 prefix", () => {
    expect(clientIp(headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
  });
});

describe("isSameOrigin", () => {
  it("accepts this site and refuses others", () => {
    process.env.APP_URL = "https://support.example.com";
    resetEnvForTests();
    expect(isSameOrigin(headers({ origin: "https://support.example.com" }))).toBe(true);
    expect(isSameOrigin(headers({ origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(headers({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(headers({ "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(headers({}))).toBe(false);
  });
});

describe("x-keydesk-client-ip", () => {
  it("is trusted only when scripts/server.mjs runs the process (it always overwrites the header)", () => {
    const h = headers({ "x-keydesk-client-ip": "6.6.6.6", "x-forwarded-for": "10.0.0.5" });
    expect(clientIp(h)).toBe("10.0.0.5");
    process.env.KEYDESK_SERVER = "1";
    resetEnvForTests();
    expect(clientIp(h)).toBe("6.6.6.6");
    delete process.env.KEYDESK_SERVER;
  });
});
