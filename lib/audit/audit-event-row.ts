import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { encryptOptional } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";

export interface TAuditEvent {
  actorType: "agent" | "customer" | "system";
  actorId?: string | null;
  /** Dotted verb, e.g. "order.created", "agent.sign_in", "license_key.revealed". */
  action: string;
  targetType?: string;
  targetId?: string;
  /** The customer the event concerns; it then shows in their access history. */
  customerId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Ids, counts and enum values only — never personal data. */
  metadata?: Record<string, string | number | boolean | null | string[]>;
}

/** The row of an audit event (for `auditEvent.create` or a batch's `createMany`). */
export function auditEventRow(event: TAuditEvent) {
  return {
    id: newId(),
    actorType: event.actorType,
    actorId: event.actorId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    customerId: event.customerId ?? null,
    ipEnc: encryptOptional(event.ip, ENC.auditIp),
    userAgent: event.userAgent?.slice(0, 300) ?? null,
    metadata: event.metadata ?? undefined,
  };
}
