import "server-only";
import { oneClickUnsubscribeUrl } from "@/lib/newsletter/unsubscribe-token";

// Which Keydesk mails are transactional (sent because of something the reader did or must know,
// so they carry NO unsubscribe headers): sign-in links, licence keys, download and refund
// notices, ticket notifications, e-mail change confirmations and notices, erasure notices — every
// mail Keydesk sends today. Anything else (the newsletter welcome, announcements, a vendor's
// newsletter sent through Keydesk) must be sent with `listUnsubscribeHeaders`.

/**
 * The RFC 2369 / RFC 8058 headers for a non-transactional mail to a customer: `List-Unsubscribe`
 * pointing at the signed one-click endpoint, and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
 * so mail clients can unsubscribe with one POST, without cookies or a sign-in.
 */
export function listUnsubscribeHeaders(customerId: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${oneClickUnsubscribeUrl(customerId)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
