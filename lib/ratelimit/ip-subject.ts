// Pure (no `server-only`): unit-tested directly.
import { isIP } from "node:net";

/**
 * The subject under which a client IP is counted: an IPv4 address as it is, an IPv6 address by
 * its /64 network (`2001:db8:1:2::/64`) — one customer line or host gets a whole /64 and can pick a
 * fresh address per request, so counting single IPv6 addresses limits nothing. An IPv4-mapped
 * IPv6 address (`::ffff:192.0.2.1`) counts as its IPv4 address. Anything else (a blind index, a
 * customer id, "unknown") is returned unchanged.
 */
export function rateLimitSubjectOf(subject: string): string {
  const zoneless = subject.split("%")[0] ?? subject;
  if (isIP(zoneless) !== 6) return subject;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(zoneless);
  if (mapped?.[1] && isIP(mapped[1]) === 4) return mapped[1];
  const groups = expandIpv6(zoneless);
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  // An embedded IPv4 tail (::1.2.3.4) becomes two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => "0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}
