import "server-only";
import { ENC, type TEncryptionContext } from "@/lib/crypto/contexts";
import { LICENSE_KEY_ORDER } from "@/lib/licenses/key-order";
import { db } from "@/lib/db";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { readProfile } from "@/lib/accounts/read-profile";

export const EXPORT_LIMIT: TLimit = { name: "account-export:customer", max: 10, windowSeconds: 3600 };

/** Decrypts a column written by another part of Keydesk; a value that does not open is reported, not fatal. */
function open(sealed: string | null, context: TEncryptionContext): string | null {
  if (sealed == null) return null;
  try {
    return decrypt(sealed, context);
  } catch {
    return "[could not be decrypted]";
  }
}

/** A stored JSON column, exported as it is (its shape is the store's, not ours to check). */
function parseJson(text: string | null): unknown {
  if (!text) return null;
  const value: unknown = JSON.parse(text);
  return value;
}

/**
 * `exportAccountData(buyer, meta)` — "Download my data": everything Keydesk holds about the
 * signed-in buyer, decrypted, as one JSON document — profile, orders with billing details, items
 * and licence keys, download links, tickets with their public messages, refunds, erasure requests,
 * sessions and access history. Generated on demand for the owner only (every query is scoped to
 * their customer id), rate-limited and audited.
 */
export async function exportAccountData(buyer: TBuyerSession, meta: TRequestMeta) {
  const { customerId } = buyer;
  await enforceRateLimit(EXPORT_LIMIT, customerId);
  const customer = await db().customer.findUnique({ where: { id: customerId } });
  if (!customer || customer.erasedAt) throw new AppError("not_found", "Account not found.", { key: "accountNotFound" });
  const [orders, grants, tickets, refunds, erasures, sessions, events] = await Promise.all([
    db().order.findMany({
      where: { customerId },
      orderBy: { placedAt: "asc" },
      include: { items: { orderBy: { position: "asc" }, include: { keys: { orderBy: [...LICENSE_KEY_ORDER] } } } },
    }),
    db().downloadGrant.findMany({
      where: { customerId },
      orderBy: { createdAt: "asc" },
      include: { productFile: { select: { fileName: true, version: true } } },
    }),
    db().ticket.findMany({
      where: { customerId },
      orderBy: { createdAt: "asc" },
      include: {
        messages: { where: { internal: false }, orderBy: { createdAt: "asc" } },
        order: { select: { number: true } },
      },
    }),
    db().refundRequest.findMany({
      where: { customerId },
      orderBy: { createdAt: "asc" },
      include: { items: true, order: { select: { number: true } } },
    }),
    db().erasureRequest.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } }),
    db().session.findMany({ where: { customerId, kind: "buyer" }, orderBy: { createdAt: "asc" } }),
    db().auditEvent.findMany({ where: { customerId }, orderBy: { at: "asc" }, take: 5000 }),
  ]);
  const data = {
    format: "keydesk.account-export.v1",
    generatedAt: new Date().toISOString(),
    profile: {
      email: decrypt(customer.emailEnc, ENC.customerEmail),
      ...readProfile(customer),
      newsletter: { subscribed: customer.newsletter, changedAt: customer.newsletterAt },
      createdAt: customer.createdAt,
    },
    orders: orders.map((o) => ({
      number: o.number,
      source: o.source,
      externalId: o.externalId,
      placedAt: o.placedAt,
      status: o.status,
      currency: o.currency,
      totalAmount: o.totalAmount,
      billing: {
        email: decrypt(o.emailEnc, ENC.orderEmail),
        name: decryptOptional(o.billingNameEnc, ENC.orderBillingName),
        phone: decryptOptional(o.billingPhoneEnc, ENC.orderBillingPhone),
        address: parseJson(decryptOptional(o.billingAddrEnc, ENC.orderBillingAddress)),
      },
      items: o.items.map((i) => ({
        sku: i.sku,
        name: i.name,
        quantity: i.quantity,
        unitAmount: i.unitAmount,
        status: i.status,
        licenseKeys: i.keys.map((k) => ({
          key: decrypt(k.keyEnc, ENC.licenseKeyValue),
          status: k.status,
          revokedAt: k.revokedAt,
        })),
      })),
    })),
    downloads: grants.map((g) => ({
      file: g.productFile.fileName,
      version: g.productFile.version,
      createdAt: g.createdAt,
      expiresAt: g.expiresAt,
      downloads: g.downloadCount,
      maxDownloads: g.maxDownloads,
      revokedAt: g.revokedAt,
    })),
    tickets: tickets.map((t) => ({
      ref: t.ref,
      order: t.order?.number ?? null,
      subject: open(t.subjectEnc, ENC.ticketSubject),
      status: t.status,
      createdAt: t.createdAt,
      messages: t.messages.map((m) => ({
        from: m.author,
        at: m.createdAt,
        body: open(m.bodyEnc, ENC.ticketBody),
      })),
    })),
    refunds: refunds.map((r) => ({
      order: r.order.number,
      status: r.status,
      reason: r.reason,
      note: open(r.noteEnc, ENC.refundNote),
      amount: r.amount,
      items: r.items.map((i) => ({ quantity: i.quantity, amount: i.amount })),
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
    })),
    erasureRequests: erasures.map((e) => ({ status: e.status, createdAt: e.createdAt, decidedAt: e.decidedAt })),
    sessions: sessions.map((s) => ({
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      revokedAt: s.revokedAt,
      ip: decryptOptional(s.ipEnc, ENC.sessionIp),
      userAgent: s.userAgent,
    })),
    // Agents' and the system's IPs and browsers are theirs, not the buyer's: only the buyer's own are exported.
    accessHistory: events.map((e) => {
      const own = e.actorType === "customer";
      return {
        at: e.at,
        action: e.action,
        by: e.actorType,
        ip: own ? decryptOptional(e.ipEnc, ENC.auditIp) : null,
        userAgent: own ? e.userAgent : null,
      };
    }),
  };
  await recordAuditEvent({
    actorType: "customer",
    actorId: customerId,
    customerId,
    action: "account.data_exported",
    targetType: "customer",
    targetId: customerId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { orders: orders.length, tickets: tickets.length },
  });
  return {
    json: JSON.stringify(data, null, 2),
    fileName: `keydesk-my-data-${new Date().toISOString().slice(0, 10)}.json`,
  };
}
