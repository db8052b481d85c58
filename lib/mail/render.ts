import "server-only";

/** A simple structured message: one heading, a few paragraphs, at most one button, a footer. */
export interface TMailContent {
  /** Short line shown in the inbox preview next to the subject. */
  preheader?: string;
  heading: string;
  /** Plain text; a line break inside a paragraph is kept. */
  paragraphs: string[];
  /** The one call to action; its URL is also printed in full for clients that hide buttons. */
  action?: { label: string; url: string };
  /** Paragraphs after the button (e.g. "the link expires in 15 minutes"). */
  after?: string[];
  /** Small print at the bottom: why the reader gets this mail. */
  footer?: string;
}

const PRODUCT = "Keydesk";
const DEFAULT_FOOTER = `This message was sent by ${PRODUCT}, the vendor's order and support desk. Replies to this address are not read; please use the support form instead.`;
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const INK = "#1f2937";
const MUTED = "#4b5563";
const ACCENT = "#1d4ed8";
const LINE = "#e5e7eb";

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function checkedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("Mail links must be http(s) URLs");
  return parsed.toString();
}

function htmlParagraph(text: string, style = `margin:0 0 16px;`): string {
  return `<p style="${style}">${escapeHtml(text).replace(/\r?\n/g, "<br>")}</p>`;
}

function renderHtml(content: TMailContent, url: string | undefined): string {
  const body = [
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;font-weight:600;color:${INK};">${escapeHtml(content.heading)}</h1>`,
    ...content.paragraphs.map((p) => htmlParagraph(p)),
  ];
  if (content.action && url) {
    const href = escapeHtml(url);
    body.push(
      `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;"><tr>` +
        `<td style="border-radius:6px;background:${ACCENT};">` +
        `<a href="${href}" style="display:inline-block;padding:12px 22px;font-family:${FONT};font-size:15px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(content.action.label)}</a>` +
        `</td></tr></table>`,
      `<p style="margin:0 0 16px;font-size:13px;color:${MUTED};">If the button does not work, copy this address into your browser:<br>` +
        `<a href="${href}" style="color:${ACCENT};word-break:break-all;">${href}</a></p>`,
    );
  }
  body.push(...(content.after ?? []).map((p) => htmlParagraph(p)));
  const preheader = content.preheader
    ? `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${escapeHtml(content.preheader)}</div>`
    : "";
  return [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="color-scheme" content="light"><title>${escapeHtml(content.heading)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f3f4f6;">${preheader}`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border:1px solid ${LINE};border-radius:8px;font-family:${FONT};color:${INK};">`,
    `<tr><td style="padding:18px 32px;border-bottom:1px solid ${LINE};font-size:16px;font-weight:700;letter-spacing:0.2px;color:${INK};">${PRODUCT}</td></tr>`,
    `<tr><td style="padding:28px 32px 12px;font-size:15px;line-height:1.6;">${body.join("")}</td></tr>`,
    `<tr><td style="padding:16px 32px 20px;border-top:1px solid ${LINE};font-size:12px;line-height:1.5;color:${MUTED};">${escapeHtml(content.footer ?? DEFAULT_FOOTER)}</td></tr>`,
    `</table></td></tr></table></body></html>`,
  ].join("\n");
}

function renderText(content: TMailContent, url: string | undefined): string {
  const parts = [PRODUCT, "", content.heading, "=".repeat(Math.min(content.heading.length, 60)), ""];
  for (const p of content.paragraphs) parts.push(p, "");
  if (content.action && url) parts.push(`${content.action.label}:`, url, "");
  for (const p of content.after ?? []) parts.push(p, "");
  parts.push("-- ", content.footer ?? DEFAULT_FOOTER);
  return parts.join("\n") + "\n";
}

/** Renders a message into the HTML and plain-text parts of one e-mail (no external assets). */
export function renderMail(content: TMailContent): { html: string; text: string } {
  const url = content.action ? checkedUrl(content.action.url) : undefined;
  return { html: renderHtml(content, url), text: renderText(content, url) };
}
