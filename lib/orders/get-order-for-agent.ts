import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { LICENSE_KEY_ORDER } from "@/lib/licenses/key-order";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import {
  AGENT_ORDER_SELECT,
  maskLicenseKey,
  toAgentOrderSummary,
  type TAgentOrderSummary,
} from "@/lib/orders/agent-order-dto";

export interface TAgentOrderDetail extends TAgentOrderSummary {
  billing: { phone: string | null; address: Record<string, string | null> | null };
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
 * One order with its billing details and masked licence keys for an agent (any role); the view
 * of the buyer's personal data is audited.
 */
export async function getOrderForAgent(args: { agent: TAgentSession; orderId: string }): Promise<TAgentOrderDetail> {
  const order = await db().order.findUnique({
    where: { id: args.orderId },
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
    actorId: args.agent.agentId,
    action: "customer.viewed",
    targetType: "order",
    targetId: order.id,
    customerId: order.customerId,
    metadata: { via: "order_detail" },
  });
  const address = decryptOptional(order.billingAddrEnc, ENC.orderBillingAddress);
  return {
    ...toAgentOrderSummary(order),
    billing: {
      phone: decryptOptional(order.billingPhoneEnc, ENC.orderBillingPhone),
      address: address ? (JSON.parse(address) as Record<string, string | null>) : null,
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
