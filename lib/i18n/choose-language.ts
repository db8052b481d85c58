import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { LOCALE_COOKIE, LOCALES, type TLocale } from "@/lib/i18n/locales";

/** The language menu's form: a language we serve and the page to go back to (a path on this site). */
export const ZChooseLanguage = z.object({
  locale: z.enum(LOCALES),
  returnTo: z
    .string()
    .max(2000)
    .optional()
    .transform((value) => (value && /^\/(?![/\\])/.test(value) ? value : "/")),
});

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The language cookie's attributes: a year, the whole site, sent on top-level navigations (Lax). */
export function localeCookie(locale: TLocale) {
  return {
    name: LOCALE_COOKIE,
    value: locale,
    maxAge: ONE_YEAR_SECONDS,
    path: "/",
    sameSite: "lax" as const,
    httpOnly: true,
    secure: env().secureCookies,
  };
}

/**
 * `chooseLanguage(buyer, { locale }, meta)`: the visitor's choice from the language menu. Remembered
 * in the keydesk-locale cookie for this browser and, for a signed-in buyer, on the customer, so later
 * mails (replies, refund decisions) are written in it too.
 */
export async function chooseLanguage(
  buyer: TBuyerSession | null,
  input: { locale: TLocale },
  _meta: TRequestMeta,
): Promise<void> {
  (await cookies()).set(localeCookie(input.locale));
  if (buyer) await db().customer.update({ where: { id: buyer.customerId }, data: { locale: input.locale } });
}
