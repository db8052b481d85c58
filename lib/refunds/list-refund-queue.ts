import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decryptOptional } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { detectDuplicates, type TDuplicateEvidence } from "@/lib/refunds/detect-duplicates";
import { daysSince } from "@/lib/refunds/refund-window";
import { refundWebhookMessageId } from "@/lib/refunds/gateway/refund-webhook-message";
import { ZStoredApprovedItems, type TRefundReason } from "@/lib/refunds/schemas";

export interface TQueueItem {
  orderItemId: string;
  name: string;
  sku: string;
  quantity: number;
  amount: number;
  windowDays: number;
  /** The buyer revealed one of this item's keys / started a download of its files. */
  keysRevealed: number;
  downloads: number;
  approved: boolean;
}

export interface TQueueEntry {
  id: string;
  status: "pending" | "approved" | "denied" | "cancelled";
  reason: TRefundReason;
  note: string | null;
  amount: number;
  createdAt: Date;
  order: { id: string; number: string; source: string; placedAt: Date; currency: string; daysSincePurchase: number };
  items: TQueueItem[];
  duplicates: TDuplicateEvidence[];
  /** This buyer's other refund requests (approved ones are earlier refunds). */
  earlier: { id: string; status: string; orderNumber: string; createdAt: Date }[];
  firstApproval: { by: string; at: Date } | null;
  decision: { by: string; at: Date | null; note: string | null } | null;
  gateway: { status: string | null; reference: string | null; attempts: number | null; lastError: string | null };
}

const DECIDED_SHOWN = 30;

/**
 * `listRefundQueue(actor, meta)`: the refund queue for agents (the /agent/refunds page): pending
 * requests oldest first, then the most recently decided ones, each with its evidence — days since
 * purchase against each product's window, duplicate purchases, key reveals and downloads of the
 * requested items (from the audit log), the buyer's earlier refunds and the gateway state. Viewing
 * it is audited (it shows buyers' notes: every view of personal data is, see SPEC 13).
 */
export async function listRefundQueue(actor: TAgentSession, meta: TRequestMeta): Promise<TQueueEntry[]> {
  const now = new Date();
  const select = {
    id: true,
    status: true,
    reason: true,
    noteEnc: true,
    amount: true,
    createdAt: true,
    customerId: true,
    approvedItems: true,
    firstApprovedById: true,
    firstApprovedAt: true,
    decidedAt: true,
    decisionNoteEnc: true,
    gatewayStatus: true,
    gatewayReference: true,
    decidedBy: { select: { name: true } },
    order: { select: { id: true, number: true, source: true, placedAt: true, currency: true } },
    items: {
      select: {
        orderItemId: true,
        amount: true,
        quantity: true,
        orderItem: { select: { name: true, sku: true, product: { select: { refundWindowDays: true } } } },
      },
    },
  } as const;
  const [pending, decided] = await Promise.all([
    db().refundRequest.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, take: 100, select }),
    db().refundRequest.findMany({
      where: { status: { in: ["approved", "denied"] } },
      orderBy: { decidedAt: "desc" },
      take: DECIDED_SHOWN,
      select,
    }),
  ]);
  const rows = [...pending, ...decided];
  if (rows.length === 0) return [];
  const customerIds = [...new Set(rows.map((r) => r.customerId))];
  const agentIds = [...new Set(rows.map((r) => r.firstApprovedById).filter((id): id is string => id !== null))];
  const [events, history, agents, gatewayRows] = await Promise.all([
    db().auditEvent.findMany({
      where: { customerId: { in: customerIds }, action: { in: ["license_key.revealed", "download.started"] } },
      select: { action: true, metadata: true },
      take: 5000,
    }),
    db().refundRequest.findMany({
      where: { customerId: { in: customerIds } },
      orderBy: { createdAt: "desc" },
      select: { id: true, customerId: true, status: true, createdAt: true, order: { select: { number: true } } },
      take: 1000,
    }),
    db().agent.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } }),
    db().outboxMessage.findMany({
      where: { id: { in: rows.map((r) => refundWebhookMessageId(r.id)) } },
      select: { id: true, attempts: true, lastError: true },
    }),
  ]);
  const usage = (action: string, orderItemId: string) =>
    events.filter((e) => e.action === action && isRecord(e.metadata) && e.metadata.orderItemId === orderItemId).length;

  const entries: TQueueEntry[] = [];
  for (const r of rows) {
    const approved = ZStoredApprovedItems.parse(r.approvedItems) ?? [];
    const outbox = gatewayRows.find((g) => g.id === refundWebhookMessageId(r.id));
    entries.push({
      id: r.id,
      status: r.status,
      reason: r.reason,
      note: decryptOptional(r.noteEnc, ENC.refundNote),
      amount: r.amount,
      createdAt: r.createdAt,
      order: { ...r.order, daysSincePurchase: daysSince(r.order.placedAt, now) },
      items: r.items.map((i) => ({
        orderItemId: i.orderItemId,
        name: i.orderItem.name,
        sku: i.orderItem.sku,
        quantity: i.quantity,
        amount: i.amount,
        windowDays: i.orderItem.product.refundWindowDays,
        keysRevealed: usage("license_key.revealed", i.orderItemId),
        downloads: usage("download.started", i.orderItemId),
        approved: approved.includes(i.orderItemId),
      })),
      duplicates: await detectDuplicates({ customerId: r.customerId, orderId: r.order.id }),
      earlier: history
        .filter((h) => h.customerId === r.customerId && h.id !== r.id)
        .map((h) => ({ id: h.id, status: h.status, orderNumber: h.order.number, createdAt: h.createdAt })),
      firstApproval:
        r.firstApprovedById && r.firstApprovedAt
          ? { by: agents.find((a) => a.id === r.firstApprovedById)?.name ?? "an agent", at: r.firstApprovedAt }
          : null,
      decision:
        r.status === "approved" || r.status === "denied"
          ? {
              by: r.decidedBy?.name ?? "the store",
              at: r.decidedAt,
              note: decryptOptional(r.decisionNoteEnc, ENC.refundDecisionNote),
            }
          : null,
      gateway: {
        status: r.gatewayStatus,
        reference: r.gatewayReference,
        attempts: outbox?.attempts ?? null,
        lastError: outbox?.lastError ?? null,
      },
    });
  }
  await recordAuditEvent({
    actorType: "agent",
    actorId: actor.agentId,
    action: "refunds.queue_viewed",
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { refundIds: entries.map((e) => e.id).slice(0, 50) },
  });
  return entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
