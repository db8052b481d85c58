import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { LICENSE_KEY_ORDER } from "@/lib/licenses/key-order";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { ZStoredAddress, type TOrderRef, type TStoredAddress } from "@/lib/orders/schemas";
import {
  AGENT_ORDER_SELECT,
  maskLicenseKey,
  toAgentOrderSummary,
  type TAgentOrderSummary,
} from "@/lib/orders/agent-order-dto";

export interface TAgentOrderDetail extends TAgentOrderSummary {
  billing: { phone: string | null; address: TStoredAddress | null };
  keys: {
    id: string;
    orderItemId: string;
    masked: string;
    status: string;
    revokedAt: Date | null;
    revokedReason: string | null;
  }[];
}

/**
 * `getOrderForAgent(actor, { orderId }, meta)`: one order with its billing details and masked
 * licence keys for an agent (any role). The view of the buyer's personal data is audited (SPEC: the
 * agent console records every view of a buyer's details), so this read writes one audit event.
 */
export async function getOrderForAgent(
  actor: TAgentSession,
  input: TOrderRef,
  meta: TRequestMeta,
): Promise<TAgentOrderDetail> {
  const order = await db().order.findUnique({
    where: { id: input.orderId },
    select: {
      ...AGENT_ORDER_SELECT,
      billingPhoneEnc: true,
      billingAddrEnc: true,
      items: {
        ...AGENT_ORDER_SELECT.items,
        select: {
          ...AGENT_ORDER_SELECT.items.select,
          keys: {
            orderBy: [...LICENSE_KEY_ORDER],
            select: { id: true, keyEnc: true, status: true, revokedAt: true, revokedReason: true },
          },
        },
      },
    },
  });
  if (!order) throw new AppError("not_found", "Order not found.");
  await recordAuditEvent({
    actorType: "agent",
    actorId: actor.agentId,
    action: "customer.viewed",
    targetType: "order",
    targetId: order.id,
    customerId: order.customerId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { via: "order_detail" },
  });
  const address = decryptOptional(order.billingAddrEnc, ENC.orderBillingAddress);
  return {
    ...toAgentOrderSummary(order),
    billing: {
      phone: decryptOptional(order.billingPhoneEnc, ENC.orderBillingPhone),
      address: address ? ZStoredAddress.parse(JSON.parse(address)) : null,
    },
    keys: order.items.flatMap((item) =>
      item.keys.map(({ keyEnc, ...key }) => ({
        ...key,
        orderItemId: item.id,
        masked: maskLicenseKey(decrypt(keyEnc, ENC.licenseKeyValue)),
      })),
    ),
  };
}
