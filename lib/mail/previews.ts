import "server-only";
import { env } from "@/lib/env";
import type { TLocale } from "@/lib/i18n/locales";
import type { TMailContext, TMailView } from "@/lib/mail/mail-context";
import { signInLinkMail } from "@/lib/mail/templates/sign-in-link";
import { licenseKeysMail } from "@/lib/mail/templates/license-keys";
import { refundMail } from "@/lib/mail/templates/refund";
import { ticketMail } from "@/lib/mail/templates/ticket";
import { erasureNoticeMail } from "@/lib/mail/templates/erasure-notice";
import {
  emailChangeConfirmMail,
  emailChangedNoticeMail,
  emailChangeTakenMail,
} from "@/lib/mail/templates/email-change";
import { newsletterWelcomeMail } from "@/lib/mail/templates/newsletter-welcome";

// Every buyer mail kind with sample values (never real data), for `npm run keydesk -- mail:preview`.

const sample = (path: string) => `${env().appUrl}${path}`;

/** Outbox kind → a sample of that mail. */
export const MAIL_PREVIEWS: Record<string, (ctx: TMailContext) => TMailView> = {
  "buyer.sign_in_link": (ctx) => signInLinkMail(ctx, { url: sample("/lookup/verify?token=SAMPLE"), minutes: 15 }),
  "license_keys.resent": (ctx) =>
    licenseKeysMail(ctx, {
      orders: [
        {
          number: "100234",
          source: "shop",
          placedAt: new Date(Date.UTC(2026, 2, 12)),
          items: [{ name: "PixelForge Studio", keys: ["PFS-XXXX-XXXX-XXXX", "PFS-YYYY-YYYY-YYYY"] }],
        },
      ],
      scope: "order",
      ordersUrl: sample("/orders"),
    }),
  "refund.received": (ctx) =>
    refundMail(ctx, { kind: "received", orderNumber: "100234", orderUrl: sample("/orders/100234") }),
  "refund.approved": (ctx) =>
    refundMail(ctx, { kind: "approved", orderNumber: "100234", orderUrl: sample("/orders/100234") }),
  "refund.denied": (ctx) =>
    refundMail(ctx, { kind: "denied", orderNumber: "100234", orderUrl: sample("/orders/100234") }),
  "ticket.confirm": (ctx) =>
    ticketMail(ctx, { kind: "confirm", ref: "T-4F7K2Q", url: sample("/support/access?token=SAMPLE") }),
  "ticket.received": (ctx) =>
    ticketMail(ctx, { kind: "received", ref: "T-4F7K2Q", url: sample("/support/access?token=SAMPLE") }),
  "ticket.reply": (ctx) =>
    ticketMail(ctx, { kind: "reply", ref: "T-4F7K2Q", url: sample("/support/access?token=SAMPLE") }),
  "ticket.link": (ctx) =>
    ticketMail(ctx, { kind: "link", ref: "T-4F7K2Q", url: sample("/support/access?token=SAMPLE") }),
  "privacy.erasure_completed": (ctx) => erasureNoticeMail(ctx, { keepLicenseKeys: true }),
  "account.email_change_confirm": (ctx) =>
    emailChangeConfirmMail(ctx, {
      url: sample("/email-change/confirm?token=SAMPLE"),
      ttlMs: 86_400_000,
      byAgent: false,
    }),
  "account.email_changed_notice": (ctx) =>
    emailChangedNoticeMail(ctx, {
      newAddressMasked: "a***@example.com",
      undoUrl: sample("/email-change/undo?token=SAMPLE"),
    }),
  "account.email_change_taken": (ctx) =>
    emailChangeTakenMail(ctx, { supportUrl: sample("/support/new?category=account_change") }),
  "newsletter.subscribed": (ctx) => newsletterWelcomeMail(ctx, { unsubscribeUrl: sample("/unsubscribe?t=SAMPLE") }),
};

/** The preview file name of one kind in one language. */
export const previewName = (kind: string, locale: TLocale) => `${kind}.${locale}`;
