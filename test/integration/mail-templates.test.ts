import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import {
  BRAND_SETTINGS_KEY,
  DEFAULT_BRAND,
  forgetCachedBrand,
  type TBrand,
  type TStoredBrand,
} from "@/lib/branding/brand";
import { requestSignInLink } from "@/lib/buyers/request-sign-in-link";
import { ZSignInLinkRequest } from "@/lib/buyers/schemas";
import { parseOrThrow } from "@/lib/errors";
import { translatorFor } from "@/lib/i18n/catalogue";
import { LOCALES, type TLocale } from "@/lib/i18n/locales";
import { mailContext, type TMailView } from "@/lib/mail/mail-context";
import { renderBrandedMail } from "@/lib/mail/render";
import { renderSlottedMail } from "@/lib/mail/slotted-render";
import { licenseKeysMail } from "@/lib/mail/templates/license-keys";
import { signInLinkMail } from "@/lib/mail/templates/sign-in-link";
import { refundMail } from "@/lib/mail/templates/refund";
import { ticketMail } from "@/lib/mail/templates/ticket";
import { erasureNoticeMail } from "@/lib/mail/templates/erasure-notice";
import {
  emailChangeConfirmMail,
  emailChangedNoticeMail,
  emailChangeTakenMail,
} from "@/lib/mail/templates/email-change";
import { newsletterWelcomeMail } from "@/lib/mail/templates/newsletter-welcome";
import { processOutboxBatch } from "@/lib/outbox/worker";
import { createGuestTicket } from "@/lib/tickets/create-guest-ticket";
import { replyAsAgent } from "@/lib/tickets/reply-as-agent";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { resendLicenseKeys } from "@/lib/licenses/resend-license-keys";
import { emailIndex } from "@/lib/crypto/blind-index";
import { givenAgent, meta, nextIp, signedIn } from "../helpers/actors";
import { givenOrder } from "../helpers/fixtures";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";
import { queuedMails } from "../helpers/mails";
import { guestValues, solvedPow } from "../helpers/tickets";

const APP = "https://desk.example.com";
const LOGO = { sha256: "ab".repeat(32), type: "image/png" as const, width: 400, height: 100 };
/** A vendor name an admin could type: every character HTML cares about. */
const VENDOR = `Cloanto <b>"Italia"</b> & 'Co'`;
const STORED_BRAND: TStoredBrand = {
  name: VENDOR,
  primaryColor: "#b91c1c",
  logo: LOGO,
  supportEmail: "help@cloanto.example",
  privacyUrl: "https://cloanto.example/privacy",
  termsUrl: "https://cloanto.example/terms",
  imprintUrl: "https://cloanto.example/imprint",
  company: "Cloanto Italia srl\nVia Manzoni 1, 33100 Udine",
  poweredBy: false,
};
const BRAND: TBrand = { ...DEFAULT_BRAND, ...STORED_BRAND, named: true, logo: LOGO };

let sink: TSmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_FROM = "Keydesk <no-reply@desk.example.com>";
  process.env.APP_URL = APP;
  resetEnvForTests();
});

afterAll(async () => {
  await sink.stop();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  resetEnvForTests();
});

async function setBrand(brand: TStoredBrand | null) {
  await db().setting.deleteMany({ where: { key: BRAND_SETTINGS_KEY } });
  if (brand) await db().setting.create({ data: { key: BRAND_SETTINGS_KEY, value: brand } });
  forgetCachedBrand();
}

beforeEach(() => setBrand(null));

const URL_A = `${APP}/x?token=a&b=<1>`;

/** The HTML without the invisible characters that pad the preheader (their count follows its length). */
const withoutPreviewPadding = (html: string) => html.replace(/(data-skip-in-text="true">[^<]*)<div>[^<]*<\/div>/, "$1");

/** Every mail kind, with the catalogue key of its subject and of one body sentence. */
const KINDS: { name: string; view: (locale: TLocale) => TMailView; subject: string; body: string }[] = [
  {
    name: "sign-in link",
    view: (l) => signInLinkMail(mailContext(l, BRAND), { url: URL_A, minutes: 15 }),
    subject: "signIn.subject",
    body: "signIn.intro",
  },
  {
    name: "licence keys",
    view: (l) =>
      licenseKeysMail(mailContext(l, BRAND), {
        orders: [
          { number: "R-1", source: "shop", placedAt: new Date("2026-03-12"), items: [{ name: "P", keys: ["K-1"] }] },
        ],
        scope: "order",
        ordersUrl: `${APP}/orders`,
      }),
    subject: "keys.subject",
    body: "keys.keepSafe",
  },
  ...(["received", "approved", "denied"] as const).map((kind) => ({
    name: `refund ${kind}`,
    view: (l: TLocale) => refundMail(mailContext(l, BRAND), { kind, orderNumber: "R-9", orderUrl: URL_A }),
    subject: `refund.${kind}Subject`,
    body: "refund.signInHint",
  })),
  ...(["confirm", "received", "reply", "link"] as const).map((kind) => ({
    name: `ticket ${kind}`,
    view: (l: TLocale) => ticketMail(mailContext(l, BRAND), { kind, ref: "T-1", url: URL_A }),
    subject: `ticket.${kind === "reply" ? "reply" : kind === "link" ? "link" : kind}Subject`,
    body: "layout.ticketPrivacy",
  })),
  {
    name: "erasure notice",
    view: (l) => erasureNoticeMail(mailContext(l, BRAND), { keepLicenseKeys: false }),
    subject: "erasure.subject",
    body: "erasure.keysDeactivated",
  },
  {
    name: "e-mail change confirm",
    view: (l) => emailChangeConfirmMail(mailContext(l, BRAND), { url: URL_A, ttlMs: 86_400_000, byAgent: false }),
    subject: "emailChange.confirmSubject",
    body: "emailChange.nothingYet",
  },
  {
    name: "e-mail changed notice",
    view: (l) =>
      emailChangedNoticeMail(mailContext(l, BRAND), { newAddressMasked: "a***@example.com", undoUrl: URL_A }),
    subject: "emailChange.changedSubject",
    body: "emailChange.undoText",
  },
  {
    name: "e-mail address taken",
    view: (l) => emailChangeTakenMail(mailContext(l, BRAND), { supportUrl: URL_A }),
    subject: "emailChange.takenSubject",
    body: "emailChange.takenMerge",
  },
  {
    name: "newsletter welcome",
    view: (l) => newsletterWelcomeMail(mailContext(l, BRAND), { unsubscribeUrl: URL_A }),
    subject: "newsletter.subject",
    body: "newsletter.unsubscribeText",
  },
];

describe("mail templates", () => {
  for (const kind of KINDS) {
    it(`${kind.name}: translated in every language, branded, escaped, with the link in the text part`, () => {
      for (const locale of LOCALES) {
        const t = translatorFor(locale, "mail") as unknown as (key: string, values?: object) => string;
        const mail = renderBrandedMail(mailContext(locale, BRAND), () => kind.view(locale));
        expect(mail.subject.length).toBeGreaterThan(0);
        if (kind.subject !== "keys.subject") expect(mail.subject).toBe(t(kind.subject, { ref: "T-1" }));
        expect(mail.html).toContain(`<html dir="ltr" lang="${locale}"`);
        expect(mail.text).toContain(t(kind.body));
        expect(mail.text).not.toMatch(/\b(signIn|keys|refund|ticket|erasure|emailChange|newsletter|layout)\.[a-z]/);
        // Brand: name in From, logo (absolute, with alt and size), footer; no "Powered by" when hidden.
        expect(mail.fromName).toBe(VENDOR);
        expect(mail.replyTo).toBe("help@cloanto.example");
        expect(mail.html).toContain(`src="${APP}/brand/logo/${LOGO.sha256}.png"`);
        expect(mail.html).toContain('alt="Cloanto &lt;b&gt;&quot;Italia&quot;&lt;/b&gt; &amp; &#x27;Co&#x27;"');
        expect(mail.html).toMatch(/width="160"[^>]*height="40"|height="40"[^>]*width="160"/);
        expect(mail.html).not.toContain("<b>");
        expect(mail.html).toContain('href="https://cloanto.example/imprint"');
        expect(mail.html).toContain('content="light dark"');
        expect(mail.text).toContain("Via Manzoni 1, 33100 Udine");
        expect(mail.text).toContain("help@cloanto.example");
        expect(mail.html + mail.text).not.toContain("Keydesk");
        if (kind.name !== "erasure notice") {
          expect(mail.text).toContain(`${APP}/`);
          expect(mail.html).not.toContain("token=a&b");
        }
      }
    });
  }

  it("writes German and Japanese, with plurals and dates for the locale", () => {
    const de = renderBrandedMail(mailContext("de", BRAND), () => KINDS[0]!.view("de"));
    expect(de.subject).toBe("Ihr Anmeldelink");
    expect(de.text).toContain("15 Minuten gültig");
    const ja = renderBrandedMail(mailContext("ja", BRAND), () => KINDS[0]!.view("ja"));
    expect(ja.subject).toBe("ログイン用リンクのお知らせ");
    expect(ja.text).toContain("15分間");
    const keysDe = renderBrandedMail(mailContext("de", BRAND), () => KINDS[1]!.view("de"));
    expect(keysDe.subject).toBe("Ihr Lizenzschlüssel");
    expect(keysDe.text).toContain("Bestellung R-1 (shop, 12. März 2026)");
    expect(renderBrandedMail(mailContext("ja", BRAND), () => KINDS[1]!.view("ja")).text).toContain("2026年3月12日");
  });

  it("falls back to the vendor's name in text when there is no logo, and shows Powered by unless hidden", () => {
    const plain = { ...DEFAULT_BRAND, name: "Acme <Tools>", named: true };
    const mail = renderBrandedMail(mailContext("en", plain), (ctx) => signInLinkMail(ctx, { url: URL_A, minutes: 15 }));
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("Acme &lt;Tools&gt;");
    expect(mail.text.startsWith("Acme <Tools>")).toBe(true);
    expect(mail.text).toContain("Powered by Keydesk");
    expect(mail.replyTo).toBeUndefined();
  });

  it("picks readable button text for the brand colour", () => {
    const withColor = (primaryColor: string) =>
      renderBrandedMail(mailContext("en", { ...BRAND, primaryColor }), (ctx) =>
        signInLinkMail(ctx, { url: URL_A, minutes: 15 }),
      ).html;
    expect(withColor("#1d4ed8")).toMatch(/background-color:#1d4ed8;color:#ffffff/);
    expect(withColor("#fde047")).toMatch(/background-color:#fde047;color:#111827/);
  });

  it("renders a slotted mail exactly like a direct render, with hostile values escaped", () => {
    for (const locale of ["de", "ja"] as const) {
      const props = { kind: "reply" as const, ref: `T-<script>&"1"`, url: `${APP}/support/access?token=x&y="z"` };
      const ctx = mailContext(locale, BRAND);
      const direct = renderBrandedMail(ctx, (c) => ticketMail(c, props));
      for (let i = 0; i < 2; i++) {
        const slotted = renderSlottedMail(ctx, "ticket", ticketMail, props, ["ref", "url"]);
        // React Email pads the hidden preheader to a fixed length; only that padding may differ.
        expect({ ...slotted, html: withoutPreviewPadding(slotted.html) }).toEqual({
          ...direct,
          html: withoutPreviewPadding(direct.html),
        });
      }
      expect(direct.html).not.toContain("<script>");
      expect(direct.text).toContain(`T-<script>&"1"`);
    }
  });
});

describe("mails in the buyer's language under the vendor's brand, over SMTP", () => {
  it("sends the look-up mail in the visitor's language (carried in the task) from the brand's name", async () => {
    await setBrand(STORED_BRAND);
    const email = "kunde@example.com";
    await givenOrder(email);
    await requestSignInLink(parseOrThrow(ZSignInLinkRequest, { email }), meta({ ip: nextIp(), locale: "de" }));
    for (let i = 0; i < 4; i++) await processOutboxBatch({ workerId: "test" });
    const mail = await sink.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe("Ihr Anmeldelink");
    expect(mail.from).toBe("no-reply@desk.example.com");
    expect(mail.headers.from).toContain("Cloanto");
    expect(mail.headers.from).not.toContain("Keydesk");
    expect(mail.headers["reply-to"]).toContain("help@cloanto.example");
    expect(mail.text).toContain(`${APP}/lookup/verify?token=`);
    expect(mail.html).toContain(`${APP}/brand/logo/${LOGO.sha256}.png`);
    expect(mail.html).not.toContain("Powered by");
    expect(mail.headers["content-language"]).toBe("de");
    expect(mail.fromName).toBe(VENDOR);
  });

  it("calls a vendor without a name by the default name in the buyer's language; a set name stays as set", async () => {
    await setBrand({ primaryColor: "#b91c1c" });
    const expected = { de: "Kundensupport", ja: "カスタマーサポート", en: "Customer Support" } as const;
    for (const [locale, name] of Object.entries(expected) as [keyof typeof expected, string][]) {
      const email = `unnamed.${locale}@example.com`;
      await givenOrder(email);
      await requestSignInLink(parseOrThrow(ZSignInLinkRequest, { email }), meta({ ip: nextIp(), locale }));
      for (let i = 0; i < 4; i++) await processOutboxBatch({ workerId: "test" });
      const mail = await sink.waitFor((m) => m.to.includes(email));
      expect(mail.fromName).toBe(name);
      expect(mail.headers["content-language"]).toBe(locale);
      expect(mail.text.startsWith(name)).toBe(true);
      expect(mail.html).toContain(`lang="${locale}"`);
      if (locale !== "en") expect(mail.html + mail.text + mail.fromName).not.toContain("Customer Support");
    }
    // A vendor that named itself "Customer Support" keeps exactly that name in German.
    const named = mailContext("de", { ...DEFAULT_BRAND, named: true });
    expect(renderBrandedMail(named, (ctx) => signInLinkMail(ctx, { url: URL_A, minutes: 15 })).fromName).toBe(
      "Customer Support",
    );
  });

  it("writes to a known customer in the language remembered on them, over the page's", async () => {
    const email = "client@example.com";
    await givenOrder(email);
    const buyer = await signedIn(email);
    await db().customer.update({ where: { emailHash: emailIndex(email) }, data: { locale: "fr" } });
    await resendLicenseKeys(buyer, { idempotencyKey: newIdempotencyKey() }, meta({ locale: "de" }));
    const [mail] = await queuedMails({ to: email });
    expect(mail?.subject).toBe("Votre clé de licence");
    expect(mail?.text).toContain("Conservez cet e-mail en lieu sûr");

    await db().customer.update({ where: { emailHash: emailIndex(email) }, data: { locale: null } });
    await resendLicenseKeys(buyer, { idempotencyKey: newIdempotencyKey() }, meta({ locale: "es" }));
    expect((await queuedMails({ to: email }))[1]?.subject).toBe("Tu clave de licencia");
  });

  it("remembers a guest ticket's language for the confirmation and for later replies", async () => {
    const email = "guest.ja@example.com";
    const created = await createGuestTicket(
      { ...guestValues({ email }), channel: "form", pow: solvedPow(), attachments: [] },
      meta({ ip: nextIp(), locale: "ja" }),
    );
    const agent = await givenAgent("agent");
    await db().ticket.update({ where: { ref: created.ref }, data: { verifiedAt: new Date() } });
    await replyAsAgent(agent, { ref: created.ref, body: "Please reinstall.", mode: "public" }, meta());
    const mails = await queuedMails({ to: email });
    expect(mails.map((m) => m.subject)).toEqual([
      `お問い合わせ${created.ref}の確認のお願い`,
      `お問い合わせ${created.ref}に新しい回答があります`,
    ]);
    expect(mails[1]?.text).not.toContain("Please reinstall.");
  });
});
