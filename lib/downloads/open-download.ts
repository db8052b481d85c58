import "server-only";
import fs from "node:fs";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { log } from "@/lib/log";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TDownloadFailure } from "@/lib/downloads/schemas";
import { storedFilePath } from "@/lib/downloads/stored-file-path";
import { ITEM_STATE_SELECT, unavailableReasonOf } from "@/lib/downloads/unavailable-reason";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface TOpenGrant {
  id: string;
  customerId: string;
  orderItemId: string;
  productFileId: string;
  downloadCount: number;
  maxDownloads: number;
  /** Bytes already sent (or reserved by responses still streaming) under this link. */
  bytesServed: bigint;
  expiresAt: Date;
}

export interface TOpenFile {
  fileName: string;
  version: string;
  contentType: string;
  size: number;
  sha256: string;
  absolutePath: string;
}

export type TOpenDownload = { ok: true; grant: TOpenGrant; file: TOpenFile } | { ok: false; reason: TDownloadFailure };

/**
 * `openDownload(token)`: checks a download token at the moment of the request: the grant must exist (looked up by keyed
 * hash), be unrevoked and unexpired, its item and order must still be paid with a live licence (a
 * refund after the link was made counts), its file active and present on disk. Counts nothing.
 */
export async function openDownload(token: string, now = new Date()): Promise<TOpenDownload> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: "invalid" };
  const grant = await db().downloadGrant.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      customerId: true,
      orderItemId: true,
      productFileId: true,
      downloadCount: true,
      maxDownloads: true,
      bytesServed: true,
      expiresAt: true,
      revokedAt: true,
      orderItem: { select: ITEM_STATE_SELECT },
      productFile: {
        select: {
          fileName: true,
          version: true,
          contentType: true,
          size: true,
          sha256: true,
          storagePath: true,
          active: true,
        },
      },
    },
  });
  if (!grant) return { ok: false, reason: "invalid" };
  if (grant.revokedAt || unavailableReasonOf(grant.orderItem)) return { ok: false, reason: "revoked" };
  if (!grant.productFile.active) return { ok: false, reason: "withdrawn" };
  if (grant.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };

  const { productFile } = grant;
  const size = Number(productFile.size);
  const absolutePath = storedFilePath(productFile.storagePath);
  const stat = absolutePath ? fs.statSync(absolutePath, { throwIfNoEntry: false }) : undefined;
  if (!absolutePath || !stat?.isFile() || stat.size !== size) {
    log.error("stored product file missing or changed", { productFileId: grant.productFileId });
    return { ok: false, reason: "missing" };
  }
  return {
    ok: true,
    grant: {
      id: grant.id,
      customerId: grant.customerId,
      orderItemId: grant.orderItemId,
      productFileId: grant.productFileId,
      downloadCount: grant.downloadCount,
      maxDownloads: grant.maxDownloads,
      bytesServed: grant.bytesServed,
      expiresAt: grant.expiresAt,
    },
    file: {
      fileName: productFile.fileName,
      version: productFile.version,
      contentType: productFile.contentType,
      size,
      sha256: productFile.sha256,
      absolutePath,
    },
  };
}

/**
 * `countDownload(grant, { resumed }, meta)`: counts one download against a grant — atomically, so parallel requests can never exceed the
 * limit — and records `download.started` in the buyer's access history. False when the grant has
 * no downloads left (or was revoked or expired in the meantime).
 */
export async function countDownload(
  grant: Pick<TOpenGrant, "id" | "customerId" | "orderItemId" | "productFileId">,
  input: { resumed: boolean },
  meta: TRequestMeta,
  now = new Date(),
): Promise<boolean> {
  return claimDownload(grant, { counts: true, resumed: input.resumed, bytes: 0, byteBudget: null }, meta, now);
}

export interface TDownloadClaim {
  /** Whether this request starts a download (counted against `maxDownloads`, audited). */
  counts: boolean;
  resumed: boolean;
  /** Bytes this response will send, reserved against the budget before the first one leaves. */
  bytes: number;
  /** maxDownloads × file size; null = no byte budget checked. */
  byteBudget: bigint | null;
}

/**
 * `claimDownload(grant, claim, meta)`: in one transaction, counts a download (when `counts`) and
 * reserves the response's bytes against the link's byte budget, each with a conditional update so
 * racing requests can never exceed either. False when either is used up (nothing is changed then).
 */
export async function claimDownload(
  grant: Pick<TOpenGrant, "id" | "customerId" | "orderItemId" | "productFileId">,
  claim: TDownloadClaim,
  meta: TRequestMeta,
  now = new Date(),
): Promise<boolean> {
  return db()
    .$transaction(async (tx) => {
      const live = { id: grant.id, revokedAt: null, expiresAt: { gt: now } };
      if (claim.counts) {
        const counted = await tx.downloadGrant.updateMany({
          where: { ...live, downloadCount: { lt: tx.downloadGrant.fields.maxDownloads } },
          data: { downloadCount: { increment: 1 } },
        });
        if (counted.count === 0) throw new Exhausted();
      }
      if (claim.byteBudget !== null) {
        const reserved = await tx.downloadGrant.updateMany({
          where: { ...live, bytesServed: { lte: claim.byteBudget - BigInt(claim.bytes) } },
          data: { bytesServed: { increment: BigInt(claim.bytes) } },
        });
        if (reserved.count === 0) throw new Exhausted();
      }
      if (claim.counts) {
        await recordAuditEvent(
          {
            actorType: "customer",
            actorId: grant.customerId,
            customerId: grant.customerId,
            action: "download.started",
            targetType: "download_grant",
            targetId: grant.id,
            ip: meta.ip,
            userAgent: meta.userAgent,
            metadata: {
              orderItemId: grant.orderItemId,
              productFileId: grant.productFileId,
              resumed: claim.resumed,
            },
          },
          tx,
        );
      }
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof Exhausted) return false;
      throw error;
    });
}

/** Gives back the reserved bytes a response did not send (the client went away, or reading failed). */
export async function releaseDownloadBytes(grantId: string, bytes: number): Promise<void> {
  if (bytes <= 0) return;
  await db().downloadGrant.update({ where: { id: grantId }, data: { bytesServed: { decrement: BigInt(bytes) } } });
}

/** Rolls back a claim's transaction when one of its conditions fails. */
class Exhausted extends Error {}
