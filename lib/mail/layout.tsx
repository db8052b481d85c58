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
} from "@react-email/components";
import { env } from "@/lib/env";
import type { TBrand } from "@/lib/branding/brand";
import type { TMailContext } from "@/lib/mail/mail-context";

// The branded frame of every buyer mail (React Email components): the vendor's logo or name, the
// heading, the template's paragraphs and one call to action, and the footer (why the mail came,
// support address, legal lines, "Powered by Keydesk"). Dark-mode friendly and readable without images.
//
//   <MailLayout ctx={ctx} preheader=… heading=… reason=…><P>…</P><Action ctx={ctx} label=… url=… /></MailLayout>

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

/** A mail link as written into the mail: an http(s) URL, normalised; anything else is a bug. */
export function checkedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("Mail links must be http(s) URLs");
  return parsed.toString();
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
