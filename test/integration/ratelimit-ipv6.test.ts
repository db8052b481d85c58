// A client with an IPv6 /64 can use a fresh address per request: the per-IP limits count the /64.
import { describe, expect, it } from "vitest";
import { requestSignInLink } from "@/lib/buyers/request-sign-in-link";
import { errorOf, meta } from "../helpers/actors";

describe("per-IP rate limits over IPv6", () => {
  it("count every address of one /64 together, and a neighbouring /64 apart", async () => {
    // "Find my orders" allows 10 requests per IP in 15 minutes (different addresses, so the per-address limit stays out).
    for (let i = 1; i <= 10; i++) {
      await requestSignInLink({ email: `v6-${i}@example.com` }, meta({ ip: `2001:db8:aa:1::${i.toString(16)}` }));
    }
    const eleventh = await errorOf(
      requestSignInLink({ email: "v6-11@example.com" }, meta({ ip: "2001:db8:aa:1:ffff:ffff:ffff:fffe" })),
    );
    expect(eleventh.code).toBe("rate_limited");
    await requestSignInLink({ email: "v6-12@example.com" }, meta({ ip: "2001:db8:aa:2::1" }));
  });
});
