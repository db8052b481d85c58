import "server-only";
import { toPlainText } from "@react-email/components";
import type { TTx } from "@/lib/db";
import { getBrand } from "@/lib/branding/brand";
import type { TLocale } from "@/lib/i18n/locales";
import { mailContext, type TMailContext, type TMailView, type TRenderedMail } from "@/lib/mail/mail-context";
import { renderToStaticMarkup } from "@/lib/mail/react-markup";

// Every buyer mail: one branded layout (lib/mail/layout.tsx) around a per-kind template, in the
// buyer's language (lib/mail/mail-context.ts), rendered once to HTML; the plain-text part is derived
// from that same HTML. Mails sent at volume use the slotted render cache (lib/mail/slotted-render.ts).
//
//   const mail = renderBrandedMail(mailContext("de", brand), (ctx) => signInLinkMail(ctx, { url, minutes }));
//   await enqueueMail(tx, { kind: "buyer.sign_in_link", to, ...mail });

/** One line: the brand name may end up in a header or subject. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").trim();
}

const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

export function renderView(ctx: TMailContext, view: TMailView): TRenderedMail {
  const html = DOCTYPE + renderToStaticMarkup(<>{view.element}</>);
  const text = toPlainText(html, {
    selectors: [
      { selector: "h1", options: { uppercase: false } },
      { selector: "title", format: "skip" },
      { selector: "style", format: "skip" },
    ],
  });
  return {
    subject: oneLine(view.subject),
    html,
    text: text.replace(/\n{3,}/g, "\n\n").trim() + "\n",
    fromName: oneLine(ctx.brand.name),
    headers: { "Content-Language": ctx.locale },
    ...(ctx.brand.supportEmail ? { replyTo: ctx.brand.supportEmail } : {}),
  };
}

/**
 * Renders one mail: `template` builds the subject and the element tree in `ctx`; the HTML comes
 * from React (every value escaped), the text part from that HTML (links written out in full).
 */
export function renderBrandedMail(ctx: TMailContext, template: (ctx: TMailContext) => TMailView): TRenderedMail {
  return renderView(ctx, template(ctx));
}

/** Renders `template` under the brand in effect (read inside `tx` when given) in `locale`. */
export async function renderMailIn(
  tx: TTx | undefined,
  locale: TLocale,
  template: (ctx: TMailContext) => TMailView,
): Promise<TRenderedMail> {
  return renderBrandedMail(mailContext(locale, await getBrand(tx)), template);
}
