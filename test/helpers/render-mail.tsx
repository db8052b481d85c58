// A generic mail for tests of the outbox and transports: one heading, paragraphs, at most one
// button — rendered by the real branded layout (English, default brand), like every buyer mail.
import { DEFAULT_BRAND, type TBrand } from "@/lib/branding/brand";
import { Action, MailLayout, P } from "@/lib/mail/layout";
import { mailContext } from "@/lib/mail/mail-context";
import { renderBrandedMail } from "@/lib/mail/render";

export interface TTestMailContent {
  preheader?: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  after?: string[];
  footer?: string;
}

/** `{ html, text }` of a generic mail (no subject: the caller sets it). */
export function renderMail(content: TTestMailContent, brand: TBrand = DEFAULT_BRAND): { html: string; text: string } {
  const { html, text } = renderBrandedMail(mailContext("en", brand), (ctx) => ({
    subject: content.heading,
    element: (
      <MailLayout
        ctx={ctx}
        preheader={content.preheader ?? content.heading}
        heading={content.heading}
        reason={content.footer ?? "Test mail."}
      >
        {content.paragraphs.map((p, i) => (
          <P key={i}>{p}</P>
        ))}
        {content.action ? <Action ctx={ctx} label={content.action.label} url={content.action.url} /> : null}
        {(content.after ?? []).map((p, i) => (
          <P key={`a${i}`}>{p}</P>
        ))}
      </MailLayout>
    ),
  }));
  return { html, text };
}
