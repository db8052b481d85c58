import "server-only";
import { z } from "zod";
import { db, type TTx } from "@/lib/db";

// The vendor's brand: what buyer pages, titles, the favicon, Open Graph tags and every buyer mail
// show instead of "Keydesk". Stored as one `Setting` row ("brand"); admins change it at
// /agent/settings or with `npm run keydesk -- brand:set`. Until anything is set, the defaults below
// make a neutral, finished-looking portal.

/** The `Setting` row that holds the brand. */
export const BRAND_SETTINGS_KEY = "brand";

/** The stored shape; every field optional so that a partial `brand:set` keeps the rest. */
export const ZStoredBrand = z.object({
  name: z.string().min(1).max(80).optional(),
  /** `#rrggbb`, checked for WCAG AA contrast before it is stored. */
  primaryColor: z
    .string()
    .regex(/^#[0-9a-f]{6}$/)
    .optional(),
  /** The stored logo file (PNG or WebP, never SVG from an upload): its content hash names it. */
  logo: z
    .object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      type: z.enum(["image/png", "image/webp"]),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
    })
    .optional(),
  supportEmail: z.string().email().optional(),
  privacyUrl: z.string().url().optional(),
  termsUrl: z.string().url().optional(),
  imprintUrl: z.string().url().optional(),
  /** Legal name and postal address for the mail footer ("Cloanto Italia srl, Via …"). */
  company: z.string().max(400).optional(),
  /** Shows the small "Powered by Keydesk" line (default true). */
  poweredBy: z.boolean().optional(),
});
export type TStoredBrand = z.infer<typeof ZStoredBrand>;

/** The brand in effect, every field resolved. */
export interface TBrand {
  /** The vendor's name; until one is set, the default in English (`brandIn` gives it in the reader's language). */
  name: string;
  /** Whether the vendor set `name`: a set name is shown exactly as set, in every language. */
  named: boolean;
  primaryColor: string;
  logo: TStoredBrand["logo"] | null;
  supportEmail: string | null;
  privacyUrl: string | null;
  termsUrl: string | null;
  imprintUrl: string | null;
  company: string | null;
  poweredBy: boolean;
}

/** Before a vendor sets anything: a neutral name and an accessible blue. */
export const DEFAULT_BRAND: TBrand = {
  name: "Customer Support",
  named: false,
  primaryColor: "#1d4ed8",
  logo: null,
  supportEmail: null,
  privacyUrl: null,
  termsUrl: null,
  imprintUrl: null,
  company: null,
  poweredBy: true,
};

/** Resolves a stored brand over the defaults. */
export function resolveBrand(stored: TStoredBrand): TBrand {
  return {
    name: stored.name ?? DEFAULT_BRAND.name,
    named: stored.name !== undefined,
    primaryColor: stored.primaryColor ?? DEFAULT_BRAND.primaryColor,
    logo: stored.logo ?? null,
    supportEmail: stored.supportEmail ?? null,
    privacyUrl: stored.privacyUrl ?? null,
    termsUrl: stored.termsUrl ?? null,
    imprintUrl: stored.imprintUrl ?? null,
    company: stored.company ?? null,
    poweredBy: stored.poweredBy ?? DEFAULT_BRAND.poweredBy,
  };
}

// Every buyer page reads the brand, so it is kept in process for a few seconds instead of costing a
// database round trip per page view. The instance that saves a change drops its copy at once; other
// instances (several behind a balancer) show the old brand for at most BRAND_CACHE_MS.

/** How long an instance may serve a brand it read earlier. */
export const BRAND_CACHE_MS = 5_000;

/**
 * This process's copy of the brand. Kept on globalThis (like the metrics registry) so that every
 * bundle of this module shares it, and so that scripts/page-cache.mjs can read `version` and
 * `until`: a cached page is answered only while the copy is current and of the version the page was
 * rendered with. `version` changes when a read finds a different brand and when the copy is dropped.
 */
interface TBrandCache {
  brand: TBrand | null;
  until: number;
  version: number;
  pending: Promise<TBrand> | null;
  /** Reads the brand again if the copy is too old (the page cache calls it: it renders nothing itself). */
  refresh?: () => void;
}
const BRAND_CACHE_KEY = Symbol.for("keydesk.brand-cache");
const slot = globalThis as typeof globalThis & { [BRAND_CACHE_KEY]?: TBrandCache };
const state: TBrandCache = (slot[BRAND_CACHE_KEY] ??= { brand: null, until: 0, version: 0, pending: null });
state.refresh = () => void getBrand().catch(() => undefined);

async function readBrand(tx?: TTx): Promise<TBrand> {
  const row = await (tx ?? db()).setting.findUnique({ where: { key: BRAND_SETTINGS_KEY }, select: { value: true } });
  const parsed = ZStoredBrand.safeParse(row?.value ?? {});
  return resolveBrand(parsed.success ? parsed.data : {});
}

/**
 * The brand in effect. Public: it holds nothing secret. Inside a transaction (`tx`) it is read
 * from the database; otherwise from this instance's copy, at most BRAND_CACHE_MS old.
 */
export async function getBrand(tx?: TTx): Promise<TBrand> {
  if (tx) return readBrand(tx);
  if (state.brand && state.until > Date.now()) return state.brand;
  // One read for all the requests that find the copy expired at the same moment. A read that was
  // overtaken by a drop (a save on this instance) answers its callers but is not kept.
  const version = state.version;
  const pending = (state.pending ??= readBrand()
    .then((brand) => {
      if (state.version !== version) return brand;
      if (JSON.stringify(brand) !== JSON.stringify(state.brand)) state.version += 1;
      state.brand = brand;
      state.until = Date.now() + BRAND_CACHE_MS;
      return brand;
    })
    .finally(() => {
      if (state.pending === pending) state.pending = null;
    }));
  return pending;
}

/** Drops this instance's copy of the brand (after a change is committed), and the pages cached with it. */
export function forgetCachedBrand(): void {
  state.brand = null;
  state.until = 0;
  state.pending = null;
  state.version += 1;
}

/** Where the logo is served (`/brand/logo/<sha256>.png|webp`), or null without a logo. */
export function brandLogoPath(brand: Pick<TBrand, "logo">): string | null {
  if (!brand.logo) return null;
  return `/brand/logo/${brand.logo.sha256}.${brand.logo.type === "image/png" ? "png" : "webp"}`;
}
