import "server-only";
import type { TTx } from "@/lib/db";
import { getBrand } from "@/lib/branding/brand";
import type { TLocale } from "@/lib/i18n/locales";
import { checkedUrl } from "@/lib/mail/layout";
import { mailContext, type TMailContext, type TMailView, type TRenderedMail } from "@/lib/mail/mail-context";
import { oneLine, renderView } from "@/lib/mail/render";

// Rendering React and deriving the text part costs milliseconds; the look-up mail is sent at
// hundreds per second. So a mail whose only varying parts are a few strings (a link, a reference)
// is rendered once per kind, language, brand and remaining props, with a placeholder in each slot —
// an http URL without any character HTML escapes, so it passes URL checks and escaping unchanged —
// and each send substitutes the real values: HTML-escaped in the HTML part, as they are in the text
// and subject. One pass, so a value that looks like a placeholder is never substituted again.
const SLOT = /https:\/\/slot\.keydesk\.invalid\/s(\d+)x/g;
const slotPlaceholder = (index: number) => `https://slot.keydesk.invalid/s${index}x`;
const CACHE_LIMIT = 500;
const rendered = new Map<string, TRenderedMail>();

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

/**
 * Like `renderBrandedMail(ctx, (c) => template(c, props))`, but renders once per kind, language,
 * brand and the props not named in `slots`, and fills the `slots` (string props: links, references)
 * per mail. URLs are normalised like `<Action>` does, so the result equals a direct render.
 */
export function renderSlottedMail<TProps extends Record<string, unknown>>(
  ctx: TMailContext,
  kind: string,
  template: (ctx: TMailContext, props: TProps) => TMailView,
  props: TProps,
  slots: readonly (keyof TProps & string)[],
): TRenderedMail {
  const values: string[] = [];
  const withPlaceholders: Record<string, unknown> = { ...props };
  const fixed: Record<string, unknown> = { ...props };
  slots.forEach((name, index) => {
    const value = props[name];
    if (typeof value !== "string") throw new Error(`Mail slot ${name} must be a string`);
    values.push(/^https?:\/\//.test(value) ? checkedUrl(value) : value);
    withPlaceholders[name] = slotPlaceholder(index);
    delete fixed[name];
  });
  const key = JSON.stringify([kind, ctx.locale, ctx.brand, fixed]);
  let mail = rendered.get(key);
  if (!mail) {
    mail = renderView(ctx, template(ctx, withPlaceholders as TProps));
    if (rendered.size >= CACHE_LIMIT) rendered.clear();
    rendered.set(key, mail);
  }
  const fill = (text: string, escape: (value: string) => string) =>
    text.replace(SLOT, (_, index: string) => escape(values[Number(index)] ?? ""));
  return {
    ...mail,
    subject: oneLine(fill(mail.subject, (v) => v)),
    html: fill(mail.html, escapeHtml),
    text: fill(mail.text, (v) => v),
  };
}

/** `renderSlottedMail` under the brand in effect (read inside `tx` when given) in `locale`. */
export async function renderSlottedMailIn<TProps extends Record<string, unknown>>(
  tx: TTx | undefined,
  locale: TLocale,
  kind: string,
  template: (ctx: TMailContext, props: TProps) => TMailView,
  props: TProps,
  slots: readonly (keyof TProps & string)[],
): Promise<TRenderedMail> {
  return renderSlottedMail(mailContext(locale, await getBrand(tx)), kind, template, props, slots);
}
