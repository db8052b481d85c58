import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rateLimitSubjectOf } from "@/lib/ratelimit/ip-subject";

describe("rateLimitSubjectOf", () => {
  it("counts every IPv6 address of one /64 as one subject, however it is written", () => {
    const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(
      fc.property(
        fc.array(hex, { minLength: 8, maxLength: 8 }),
        fc.array(hex, { minLength: 4, maxLength: 4 }),
        (a, host) => {
          const one = a.join(":");
          const other = [...a.slice(0, 4), ...host].join(":");
          expect(rateLimitSubjectOf(one)).toBe(rateLimitSubjectOf(other));
          expect(rateLimitSubjectOf(one.toUpperCase())).toBe(rateLimitSubjectOf(one));
        },
      ),
      { numRuns: 300 },
    );
    expect(rateLimitSubjectOf("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitSubjectOf("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitSubjectOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(rateLimitSubjectOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(rateLimitSubjectOf("2001:db8:1:3::1")).not.toBe(rateLimitSubjectOf("2001:db8:1:2::1"));
  });

  it("keeps IPv4 per address (mapped IPv6 included) and leaves other subjects alone", () => {
    expect(rateLimitSubjectOf("192.0.2.1")).toBe("192.0.2.1");
    expect(rateLimitSubjectOf("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(rateLimitSubjectOf("::ffff:192.0.2.2")).toBe("192.0.2.2");
    expect(rateLimitSubjectOf("unknown")).toBe("unknown");
    expect(rateLimitSubjectOf("k3Jx9_aZ-hash")).toBe("k3Jx9_aZ-hash");
    expect(rateLimitSubjectOf("::1")).toBe("0:0:0:0::/64");
  });
});
