import "server-only";
import type { ReactNode } from "react";
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
  toPlainText,
} from "@react-email/components";
import { env } from "@/lib/env";
import { db, type TTx } from "@/lib/db";
import { getBrand, type TBrand } from "@/lib/branding/brand";
import { brandIn } from "@/lib/branding/brand-name";
import { DEFAULT_LOCALE, isLocale, type TLocale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/catalogue";
import { renderToStaticMarkup } from "@/lib/mail/react-markup";

// Every buyer mail: one branded layout (React Email components) around a per-kind template, in the
// buyer's language, rendered once to HTML; the plain-text part is derived from that same HTML.
//
//   const mail = renderBrandedMail({ locale: "de", brand }, (ctx) => signInLinkMail(ctx, { url, minutes }));
//   await enqueueMail(tx, { kind: "buyer.sign_in_link", to, ...mail });

/** The translator of mail.json ("signIn.subject" …) in one language (ICU plurals, selects). */
export type TMailTranslator = (key: string, values?: Record<string, string | number>) => string;

/** What a template gets: the language, its translator and formatters, and the brand. */
export interface TMailContext {
  locale: TLocale;
  brand: TBrand;
  t: TMailTranslator;
  /** A calendar date in the buyer's language ("12. März 2026", "2026年3月12日"). */
  date(value: Date): string;
}

/** What a template returns: the subject and the element tree (a <MailLayout> with its body). */
export interface TMailView {
  subject: string;
  element: ReactNode;
}

/** A rendered mail, ready for `enqueueMail` (From display name and Reply-To from the brand). */
export interface TRenderedMail {
  subject: string;
  html: string;
  text: string;
  fromName: string;
  replyTo?: string;
  /** `Content-Language`: the mail's language, for clients and filters that read it. */
  headers: { "Content-Language": TLocale };
}

/** The buyer's language from a stored or requested tag; unknown or missing → English. */
export function mailLocale(...candidates: (string | null | undefined)[]): TLocale {
  return candidates.find((c): c is TLocale => isLocale(c)) ?? DEFAULT_LOCALE;
}

const FONT =
  "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Hiragino Sans','Noto Sans CJK SC','Microsoft YaHei',Helvetica,Arial,sans-serif";
const INK = "#1f2937";
const MUTED = "#4b5563";
const LINE = "#e5e7eb";
const PAGE = "#f3f4f6";

// Clients that honour prefers-color-scheme get a dark card; the rest invert the light one (every
// colour pair above keeps its contrast when inverted).
const DARK_MODE_CSS = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .kd-page, .kd-page > table > tbody > tr > td { background-color: #111827 !important; }
  .kd-card { background-color: #1f2937 !important; border-color: #374151 !important; }
  .kd-ink { color: #f3f4f6 !important; }
  .kd-muted, .kd-muted a { color: #d1d5db !important; }
}`;

function channel(hex: string, offset: number): number {
  const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** White or near-black, whichever reads better on `background` (WCAG contrast ratio). */
export function textColorOn(background: string): string {
  const bg = luminance(background);
  const onWhite = 1.05 / (bg + 0.05);
  const onDark = (bg + 0.05) / (luminance("#111827") + 0.05);
  return onWhite >= onDark ? "#ffffff" : "#111827";
}

/** The absolute URL of the brand's logo (served by /brand/logo/<sha256>.<ext>). */
export function brandLogoUrl(logo: NonNullable<TBrand["logo"]>): string {
  return `${env().appUrl}/brand/logo/${logo.sha256}.${logo.type === "image/png" ? "png" : "webp"}`;
}

function checkedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("Mail links must be http(s) URLs");
  return parsed.toString();
}

/** One line: the brand name may end up in a header or subject. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").trim();
}

/** A paragraph; a line break inside the text is kept. */
export function P({ children }: { children: string }) {
  const lines = children.split(/\r?\n/);
  return (
    <Text className="kd-ink" style={{ margin: "0 0 16px", fontSize: 15, lineHeight: "1.6", color: INK }}>
      {lines.map((line, i) => (i === 0 ? line : [<br key={i} />, line]))}
    </Text>
  );
}

/** The one call to action, with its address printed in full for clients that hide buttons. */
export function Action({ ctx, label, url }: { ctx: TMailContext; label: string; url: string }) {
  const href = checkedUrl(url);
  const color = ctx.brand.primaryColor;
  return (
    <>
      <Section style={{ margin: "8px 0 24px" }}>
        <Button
          href={href}
          style={{
            backgroundColor: color,
            color: textColorOn(color),
            borderRadius: 6,
            padding: "12px 22px",
            fontSize: 15,
            fontWeight: 600,
            textDecoration: "none",
          }}
        >
          {label}
        </Button>
      </Section>
      <Text className="kd-muted" style={{ margin: "0 0 16px", fontSize: 13, lineHeight: "1.5", color: MUTED }}>
        {ctx.t("layout.buttonFallback")}
        <br />
        <Link href={href} style={{ color: INK, textDecoration: "underline", wordBreak: "break-all" }}>
          {href}
        </Link>
      </Text>
    </>
  );
}

function Header({ brand }: { brand: TBrand }) {
  const logo = brand.logo;
  if (logo) {
    // At most 40 px high and 200 px wide, keeping the logo's proportions; alt text when images are off.
    const scale = Math.min(40 / logo.height, 200 / logo.width, 1);
    return (
      <Img
        src={brandLogoUrl(logo)}
        alt={brand.name}
        width={Math.max(1, Math.round(logo.width * scale))}
        height={Math.max(1, Math.round(logo.height * scale))}
        style={{ display: "block", border: 0, fontSize: 16, fontWeight: 700, color: INK }}
      />
    );
  }
  return (
    <Text className="kd-ink" style={{ margin: 0, fontSize: 17, fontWeight: 700, color: INK }}>
      {brand.name}
    </Text>
  );
}

function Footer({ ctx, reason }: { ctx: TMailContext; reason: string }) {
  const { brand, t } = ctx;
  const small = { margin: "0 0 8px", fontSize: 12, lineHeight: "1.5", color: MUTED } as const;
  const links = [
    brand.privacyUrl ? { label: t("layout.privacy"), url: brand.privacyUrl } : null,
    brand.termsUrl ? { label: t("layout.terms"), url: brand.termsUrl } : null,
    brand.imprintUrl ? { label: t("layout.imprint"), url: brand.imprintUrl } : null,
  ].filter((link) => link !== null);
  return (
    <Section style={{ padding: "16px 32px 20px", borderTop: `1px solid ${LINE}` }}>
      <Text className="kd-muted" style={small}>
        {reason}
      </Text>
      <Text className="kd-muted" style={small}>
        {brand.supportEmail ? (
          <>
            {t("layout.support")}{" "}
            <Link href={`mailto:${brand.supportEmail}`} style={{ color: MUTED, textDecoration: "underline" }}>
              {brand.supportEmail}
            </Link>
          </>
        ) : (
          t("layout.noReply")
        )}
      </Text>
      {brand.company ? (
        <Text className="kd-muted" style={small}>
          {brand.company.split(/\r?\n/).map((line, i) => (i === 0 ? line : [<br key={i} />, line]))}
        </Text>
      ) : null}
      {links.length > 0 ? (
        <Text className="kd-muted" style={small}>
          {links.map((link, i) => [
            i > 0 ? " · " : null,
            <Link key={link.url} href={checkedUrl(link.url)} style={{ color: MUTED, textDecoration: "underline" }}>
              {link.label}
            </Link>,
          ])}
        </Text>
      ) : null}
      {brand.poweredBy ? (
        <Text className="kd-muted" style={{ ...small, margin: 0, fontSize: 11 }}>
          {t("layout.poweredBy")}
        </Text>
      ) : null}
    </Section>
  );
}

/** The branded frame of every buyer mail: header, heading, body, footer. */
export function MailLayout(props: {
  ctx: TMailContext;
  preheader: string;
  heading: string;
  /** Why the reader gets this mail (first line of the footer). */
  reason: string;
  children: ReactNode;
}) {
  const { ctx } = props;
  return (
    <Html lang={ctx.locale} dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.heading}</title>
        <style>{DARK_MODE_CSS}</style>
      </Head>
      <Preview>{props.preheader}</Preview>
      <Body className="kd-page" style={{ margin: 0, padding: "24px 12px", backgroundColor: PAGE, fontFamily: FONT }}>
        <Container
          className="kd-card"
          style={{
            maxWidth: 560,
            backgroundColor: "#ffffff",
            border: `1px solid ${LINE}`,
            borderRadius: 8,
            color: INK,
          }}
        >
          <Section style={{ padding: "18px 32px", borderBottom: `1px solid ${LINE}` }}>
            <Header brand={ctx.brand} />
          </Section>
          <Section style={{ padding: "28px 32px 12px" }}>
            <Heading
              as="h1"
              className="kd-ink"
              style={{ margin: "0 0 16px", fontSize: 20, lineHeight: "1.3", fontWeight: 600, color: INK }}
            >
              {props.heading}
            </Heading>
            {props.children}
          </Section>
          <Footer ctx={ctx} reason={props.reason} />
        </Container>
      </Body>
    </Html>
  );
}

/** A horizontal rule between blocks (e.g. orders in the keys mail). */
export function Rule() {
  return <Hr style={{ borderColor: LINE, margin: "8px 0 16px" }} />;
}

const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

const translators = new Map<TLocale, TMailTranslator>();

/** One translator per language for the life of the process: it keeps its parsed ICU messages. */
function mailTranslator(locale: TLocale): TMailTranslator {
  let t = translators.get(locale);
  if (!t) {
    const translate = translatorFor(locale, "mail") as unknown as TMailTranslator;
    t = (key, values) => translate(key, values);
    translators.set(locale, t);
  }
  return t;
}

/** The context a template renders in: the language and the brand as that language reads it (its default name translated). */
export function mailContext(locale: TLocale, vendorBrand: TBrand): TMailContext {
  const brand = brandIn(vendorBrand, locale);
  let formatter: Intl.DateTimeFormat | undefined;
  const date = (value: Date) => {
    formatter ??= new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
    return formatter.format(value);
  };
  return { locale, brand, t: mailTranslator(locale), date };
}

function renderView(ctx: TMailContext, view: TMailView): TRenderedMail {
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

/** Renders `template` under the brand in effect (read inside `tx` when given) in `locale`. */
export async function renderMailIn(
  tx: TTx | undefined,
  locale: TLocale,
  template: (ctx: TMailContext) => TMailView,
): Promise<TRenderedMail> {
  return renderBrandedMail(mailContext(locale, await getBrand(tx)), template);
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

/** The language a known customer chose (remembered on the customer), else `fallback`, else English. */
export async function customerMailLocale(
  tx: TTx | undefined,
  customerId: string | null | undefined,
  fallback?: string | null,
): Promise<TLocale> {
  if (!customerId) return mailLocale(fallback);
  const row = await (tx ?? db()).customer.findUnique({ where: { id: customerId }, select: { locale: true } });
  return mailLocale(row?.locale, fallback);
}
