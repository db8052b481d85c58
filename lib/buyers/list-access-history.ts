import "server-only";
import { z } from "zod";
import { ENC } from "@/lib/crypto/contexts";
import { ACCOUNT_ACTIVITY_LABELS, type TAccountAction } from "@/lib/accounts/list-account-activity";
import { db } from "@/lib/db";
import { decryptOptional } from "@/lib/crypto/encryption";
import { listBuyerSessions } from "@/lib/auth/buyer-sessions";
import type { TBuyerSession } from "@/lib/auth/types";

/** The events a buyer sees in their history: their own sign-ins, key and download activity. */
export const ACCESS_HISTORY_ACTIONS = [
  "buyer.sign_in",
  "buyer.sign_out",
  "buyer.sign_out_everywhere",
  "license_key.revealed",
  "license_keys.resent",
  "download.link_created",
  "download.started",
  // Changes to the account (lib/accounts) belong in the same history.
  ...(Object.keys(ACCOUNT_ACTIVITY_LABELS) as TAccountAction[]),
] as const;

export type TAccessAction = (typeof ACCESS_HISTORY_ACTIONS)[number];
const ZAccessAction = z.enum(ACCESS_HISTORY_ACTIONS);

export interface TAccessEvent {
  id: string;
  at: Date;
  action: TAccessAction;
  /** What it concerned, in words: "Order 100234 · PixelForge Studio", "all orders", a file name… */
  subject: string | null;
  ip: string | null;
  userAgent: string | null;
}

export const ACCESS_HISTORY_LIMIT = 50;

/**
 * `listAccessHistory(actor)`: the signed-in buyer's access history: recent sign-ins (sessions, with the current one marked) and
 * the latest key and download events on their orders, newest first (at most 50). Only events
 * recorded for this customer are read; names of orders, items and files are resolved through
 * queries that are themselves limited to the buyer's orders.
 */
export async function listAccessHistory(buyer: TBuyerSession) {
  const [signIns, rows] = await Promise.all([
    listBuyerSessions(buyer, 20),
    db().auditEvent.findMany({
      where: { customerId: buyer.customerId, action: { in: [...ACCESS_HISTORY_ACTIONS] } },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: ACCESS_HISTORY_LIMIT,
      select: { id: true, at: true, action: true, ipEnc: true, userAgent: true, metadata: true },
    }),
  ]);
  const meta = rows.map((row) => (isRecord(row.metadata) ? row.metadata : {}));
  const names = await resolveNames(buyer.customerId, meta);
  const events: TAccessEvent[] = rows.map((row, index) => ({
    id: row.id,
    at: row.at,
    action: ZAccessAction.parse(row.action),
    subject: describe(row.action, meta[index] ?? {}, names),
    ip: decryptOptional(row.ipEnc, ENC.auditIp),
    userAgent: row.userAgent,
  }));
  return { signIns, events };
}

type TMeta = Record<string, unknown>;
type TNames = Awaited<ReturnType<typeof resolveNames>>;

function isRecord(value: unknown): value is TMeta {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

async function resolveNames(customerId: string, meta: TMeta[]) {
  const orderIds = new Set<string>();
  const itemIds = new Set<string>();
  const fileIds = new Set<string>();
  for (const m of meta) {
    const orderId = str(m.orderId);
    if (orderId) orderIds.add(orderId);
    const itemId = str(m.orderItemId);
    if (itemId) itemIds.add(itemId);
    const fileId = str(m.productFileId);
    if (fileId) fileIds.add(fileId);
  }
  const [orders, items, files] = await Promise.all([
    db().order.findMany({ where: { id: { in: [...orderIds] }, customerId }, select: { id: true, number: true } }),
    db().orderItem.findMany({
      where: { id: { in: [...itemIds] }, order: { customerId } },
      select: { id: true, name: true, order: { select: { number: true } } },
    }),
    // Files are looked up only among the products the buyer bought.
    db().productFile.findMany({
      where: { id: { in: [...fileIds] }, product: { items: { some: { order: { customerId } } } } },
      select: { id: true, fileName: true, version: true },
    }),
  ]);
  return {
    orders: new Map(orders.map((o) => [o.id, o.number])),
    items: new Map(items.map((i) => [i.id, { name: i.name, number: i.order.number }])),
    files: new Map(files.map((f) => [f.id, `${f.fileName} (${f.version})`])),
  };
}

function describe(action: string, meta: TMeta, names: TNames): string | null {
  const item = names.items.get(str(meta.orderItemId) ?? "");
  const itemText = item ? `Order ${item.number} · ${item.name}` : null;
  switch (action) {
    case "license_key.revealed":
      return itemText;
    case "license_keys.resent": {
      if (meta.scope === "all") return "All orders";
      const ids = Array.isArray(meta.orderIds) ? meta.orderIds : [];
      const number = names.orders.get(str(ids[0]) ?? "");
      return number ? `Order ${number}` : null;
    }
    case "download.link_created":
    case "download.started": {
      const file = names.files.get(str(meta.productFileId) ?? "");
      return [itemText, file].filter(Boolean).join(" · ") || null;
    }
    default:
      return null;
  }
}
