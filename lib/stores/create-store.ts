import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { encryptOptional } from "@/lib/crypto/encryption";
import { newId, randomToken } from "@/lib/crypto/tokens";
import { assertOperator, operatorAuditActor, type TOperator } from "@/lib/auth/assert-operator";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, parseOrThrow } from "@/lib/errors";
import { storeConnector } from "@/lib/stores/connectors";
import { ZNewStore, type TNewStoreInput } from "@/lib/stores/schemas";
import { storeWebhookUrl } from "@/lib/stores/store-config";
import type { TRequestMeta } from "@/lib/http/request-meta";

export interface TCreatedStore {
  id: string;
  name: string;
  provider: string;
  providerLabel: string;
  webhookUrl: string;
  /** The provider signs with a secret that is still to be pasted (rotate/set it on the stores page). */
  secretMissing: boolean;
  /** The URL carries the store's secret token (Gumroad): it must be kept private. */
  secretInUrl: boolean;
}

/**
 * Registers a store (admins, or `CLI_ACTOR` for the operator CLI). The secret may come later: most
 * providers show it only once the webhook URL — which needs the store's id — is saved there.
 */
export async function createStore(
  actor: TOperator,
  // Parsed (again) here: the CLI and tests hand over raw fields; parsing a parsed input changes nothing.
  input: TNewStoreInput | Record<string, unknown>,
  meta: TRequestMeta,
): Promise<TCreatedStore> {
  assertOperator(actor);
  const parsed = parseOrThrow(ZNewStore, input);
  const connector = storeConnector(parsed.provider);
  if (!connector) {
    throw new AppError("invalid_input", `Keydesk has no connector for ${parsed.provider} yet.`, {
      fieldErrors: { provider: ["No connector for this provider yet"] },
    });
  }
  if (connector.needsApiKey && !parsed.apiKey) {
    throw new AppError("invalid_input", `${connector.label} needs its API credentials to verify deliveries.`, {
      fieldErrors: { apiKey: [connector.apiKeyHint ?? "Required for this provider"] },
    });
  }
  // A provider that signs nothing gets a random token in its URL instead: that is its secret.
  const secret = connector.secretInUrl ? randomToken() : parsed.secret;
  const existing = await db().store.findUnique({ where: { name: parsed.name }, select: { id: true } });
  if (existing) {
    throw new AppError("conflict", "A store with this name exists already.", {
      fieldErrors: { name: ["Already in use"] },
    });
  }
  const id = newId();
  await db().$transaction(async (tx) => {
    await tx.store.create({
      data: {
        id,
        name: parsed.name,
        provider: parsed.provider,
        secretEnc: encryptOptional(secret, ENC.storeSecret),
        apiKeyEnc: encryptOptional(parsed.apiKey, ENC.storeApiKey),
        apiBase: parsed.apiBase ?? null,
      },
    });
    await recordAuditEvent(
      {
        ...operatorAuditActor(actor),
        action: "store.created",
        targetType: "store",
        targetId: id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { provider: parsed.provider, apiKey: Boolean(parsed.apiKey) },
      },
      tx,
    );
  });
  return {
    id,
    name: parsed.name,
    provider: parsed.provider,
    providerLabel: connector.label,
    webhookUrl: storeWebhookUrl(id, connector.secretInUrl ? secret : null),
    secretMissing: connector.needsSecret && !secret,
    secretInUrl: connector.secretInUrl === true,
  };
}
