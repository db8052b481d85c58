import "server-only";
import { db } from "@/lib/db";
import { assertOperator, operatorAuditActor, type TOperator } from "@/lib/auth/assert-operator";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, type TFieldErrors } from "@/lib/errors";
import {
  AA_TEXT,
  CONTRAST_BACKGROUNDS,
  contrastRatio,
  darkerPassingShade,
  weakestContrast,
} from "@/lib/branding/contrast";
import { inspectLogo, LogoRejected } from "@/lib/branding/logo-image";
import { storeLogoFile } from "@/lib/branding/logo-store";
import {
  BRAND_SETTINGS_KEY,
  forgetCachedBrand,
  resolveBrand,
  ZStoredBrand,
  type TBrand,
  type TStoredBrand,
} from "@/lib/branding/brand";
import type { TBrandInput } from "@/lib/branding/schemas";
import type { TRequestMeta } from "@/lib/http/request-meta";

const CLEARABLE = ["name", "supportEmail", "privacyUrl", "termsUrl", "imprintUrl", "company"] as const;

/** Why a colour cannot be the primary colour (with the measured ratio and a passing shade), or null. */
export function primaryColorProblem(color: string): string | null {
  if (weakestContrast(color).ratio >= AA_TEXT) return null;
  const ratios = CONTRAST_BACKGROUNDS.map((bg) => contrastRatio(color, bg.hex).toFixed(2));
  return `${color} has a contrast ratio of ${ratios[0]}:1 against white (${ratios[1]}:1 on the page background); WCAG AA needs ${AA_TEXT}:1 for button text and links. Try a darker shade such as ${darkerPassingShade(color)}.`;
}

/**
 * `updateBrand(actor, input, meta)`: changes the vendor's brand (admins, or `CLI_ACTOR` for the
 * operator CLI). Fields left out keep their value, an empty string clears an optional one. The
 * colour must pass WCAG AA, a logo must be a real PNG or WebP within the limits (stored under its
 * hash in DATA_DIR/brand). Audited with the names of the changed fields.
 */
export async function updateBrand(actor: TOperator, input: TBrandInput, meta: TRequestMeta): Promise<TBrand> {
  assertOperator(actor);
  const fieldErrors: TFieldErrors = {};
  if (input.primaryColor) {
    const problem = primaryColorProblem(input.primaryColor);
    if (problem) fieldErrors.primaryColor = [problem];
  }
  let logo: TStoredBrand["logo"];
  if (input.logo && !input.removeLogo) {
    try {
      const image = inspectLogo(input.logo);
      logo = { sha256: storeLogoFile(input.logo, image), ...image };
    } catch (error) {
      if (!(error instanceof LogoRejected)) throw error;
      fieldErrors.logo = [error.message];
    }
  }
  if (Object.keys(fieldErrors).length > 0)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", { fieldErrors });

  const saved = await db().$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: BRAND_SETTINGS_KEY }, select: { value: true } });
    const parsed = ZStoredBrand.safeParse(row?.value ?? {});
    const before: TStoredBrand = parsed.success ? parsed.data : {};
    const next: TStoredBrand = { ...before };
    if (input.primaryColor !== undefined) next.primaryColor = input.primaryColor;
    if (input.poweredBy !== undefined) next.poweredBy = input.poweredBy;
    for (const key of CLEARABLE) {
      const value = input[key];
      if (value === "") delete next[key];
      else if (value !== undefined) next[key] = value;
    }
    if (input.removeLogo) delete next.logo;
    else if (logo) next.logo = logo;
    const changed = (Object.keys({ ...before, ...next }) as (keyof TStoredBrand)[])
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(next[key]))
      .sort();
    await tx.setting.upsert({
      where: { key: BRAND_SETTINGS_KEY },
      create: { key: BRAND_SETTINGS_KEY, value: next },
      update: { value: next },
    });
    await recordAuditEvent(
      {
        ...operatorAuditActor(actor),
        action: "settings.brand_updated",
        targetType: "setting",
        targetId: BRAND_SETTINGS_KEY,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { changed },
      },
      tx,
    );
    return next;
  });
  forgetCachedBrand();
  return resolveBrand(saved);
}
