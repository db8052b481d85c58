// Buyer languages in Chromium against the real server and a real SMTP server: a German and a
// Japanese browser (Accept-Language from the context's locale) go from "find my orders" through the
// mailed sign-in link to the order and a new support ticket, each page in their language (with the
// right <html lang>, <title> and Open Graph tags) and free of axe violations, and each mail they get
// (the sign-in link, the ticket receipt) in their language too — subject, From name, both parts; the language menu switches and remembers the
// choice, also without JavaScript; `?lang=` alternates are announced and honoured; and a pseudo-locale
// run over every buyer page finds no text that bypassed the catalogue.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signPayload } from "@/lib/crypto/webhook-signature";
import { messagesFor } from "@/lib/i18n/catalogue";
import { LOCALE_NAMES, type TLocale } from "@/lib/i18n/locales";
import { startAppServer, TEST_WEBHOOK_SECRET, type TAppServer } from "../helpers/app-server";
import { expectCleanPage, launchBrowser, type TTestBrowser } from "../helpers/browser";
import { expectNoAxeViolations } from "../helpers/axe";
import { startSmtpSink, type TSinkMessage, type TSmtpSink } from "../helpers/smtp-sink";

let server: TAppServer;
let browser: TTestBrowser;
let sink: TSmtpSink;

async function placeOrder(email: string, number: string): Promise<void> {
  const raw = JSON.stringify({
    source: "digitalriver",
    externalId: `DR-${randomBytes(6).toString("hex")}`,
    number,
    placedAt: new Date(Date.now() - 3_600_000).toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email, name: "Language Buyer" },
    items: [
      {
        sku: "PFS-LANG",
        name: "PixelForge Studio",
        quantity: 1,
        unitAmount: 4900,
        licenseKeys: ["27182-81828-45904-52353"],
      },
    ],
  });
  const response = await fetch(`${server.url}/api/v1/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "keydesk-signature": signPayload(TEST_WEBHOOK_SECRET, raw) },
    body: raw,
  });
  expect(response.status).toBe(201);
}

/** Asks for a sign-in link on /lookup (labels in the page's language) and opens it from the mail. */
async function signIn(page: Page, email: string, labels: { email: string; send: string; sent: string; go: string }) {
  await page.goto("/lookup");
  await page.getByLabel(labels.email).fill(email);
  await page.getByRole("button", { name: labels.send }).click();
  await page.getByText(labels.sent).waitFor();
  const mail = await sink.waitFor((m) => m.to.includes(email) && /\/lookup\/verify\?token=/.test(m.text), 30_000);
  const link = /(http:\/\/localhost:\d+\/lookup\/verify\?token=[\w%-]+)/.exec(mail.text)?.[1] ?? "";
  await page.goto(link);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: labels.go }).click();
  await page.waitForURL(/\/orders$/);
  return mail;
}

/**
 * Every English sentence of the mail catalogue (placeholders aside): none may show in another language's
 * mail. "Powered by Keydesk" is a product mark, kept as it is where that reads naturally (Japanese).
 */
const ENGLISH_MAIL_SENTENCES = (function sentences(tree: object): string[] {
  return Object.values(tree).flatMap((value: unknown) =>
    typeof value === "string"
      ? value.split(/\{[^}]*\}/).filter((part) => part.trim().length > 15 && !part.includes("Keydesk"))
      : sentences(value as object),
  );
})(messagesFor("en").mail);

/** The words of an HTML part as a reader sees them (tags dropped, entities that templates write decoded). */
const htmlWords = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

/** A mail written wholly in `locale`: subject, From name, Content-Language, <html lang>, both parts. */
function expectMailIn(
  mail: TSinkMessage,
  locale: TLocale,
  want: { subject: string; fromName: string; says: string[] },
) {
  expect(mail.subject).toBe(want.subject);
  expect(mail.fromName).toBe(want.fromName);
  expect(mail.headers["content-language"]).toBe(locale);
  expect(mail.html).toContain(`lang="${locale}"`);
  for (const sentence of [want.fromName, ...want.says]) {
    expect(mail.text).toContain(sentence);
    expect(htmlWords(mail.html)).toContain(sentence);
  }
  const english = ENGLISH_MAIL_SENTENCES.filter((sentence) =>
    `${mail.text} ${htmlWords(mail.html)}`.includes(sentence),
  );
  expect(english).toEqual([]);
}

/**
 * The <title> and Open Graph title, description and locale of the page. Read with `expect.poll`:
 * after a client navigation React hoists the new page's head a moment after its content (CI once
 * read an empty title right after the heading appeared).
 */
const metaOf = (page: Page) =>
  page.evaluate(() => {
    const meta = (property: string) => document.querySelector(`meta[property="${property}"]`)?.getAttribute("content");
    return {
      title: document.title,
      ogTitle: meta("og:title"),
      ogDescription: meta("og:description"),
      ogLocale: meta("og:locale"),
    };
  });

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startAppServer({ smtpUrl: sink.url, env: { KEYDESK_PSEUDO_LOCALE: "on" } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.stop();
});

describe("buyer languages", () => {
  it("a German browser gets every step in German: lookup, sign-in, order, a new ticket and its errors", async () => {
    const email = "de.buyer@example.com";
    await placeOrder(email, "200100");
    const tab = await browser.newPage({ baseURL: server.url, locale: "de-DE" });
    const { page } = tab;
    await page.goto("/lookup");
    expect(await htmlLang(page)).toBe("de");
    await page.getByRole("heading", { level: 1, name: "Meine Bestellungen finden" }).waitFor();
    await expectNoAxeViolations(page);
    // A validation error from the server, in German.
    await page.getByRole("button", { name: "Anmeldelink senden" }).click();
    await page.getByText("Bitte prüfen Sie dieses Feld.").waitFor();

    const signInMail = await signIn(page, email, {
      email: "E-Mail-Adresse, mit der Sie gekauft haben",
      send: "Anmeldelink senden",
      sent: "Bitte sehen Sie in Ihrem Posteingang nach",
      go: "Weiter zu meinen Bestellungen",
    });
    // No vendor name is set: the portal and its mails call themselves "Kundensupport".
    expectMailIn(signInMail, "de", {
      subject: "Ihr Anmeldelink",
      fromName: "Kundensupport",
      says: ["Meine Bestellungen ansehen", "Der Link funktioniert einmal", "Bereitgestellt mit Keydesk"],
    });
    await page.getByRole("heading", { level: 1, name: "Ihre Bestellungen" }).waitFor();
    await expect
      .poll(() => metaOf(page), { timeout: 5_000 })
      .toEqual({
        title: "Ihre Bestellungen · Kundensupport",
        ogTitle: "Ihre Bestellungen · Kundensupport",
        ogDescription:
          "Finden Sie Ihre Bestellungen, Lizenzschlüssel und Downloads – und schreiben Sie unserem Support.",
        ogLocale: "de",
      });
    const entry = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Bestellung 200100" }) });
    // Money and status through Intl and the catalogue: "49,00 €", "Bezahlt".
    await expect(entry.textContent()).resolves.toMatch(/über digitalriver.*PixelForge Studio × 1.*49,00\s€.*Bezahlt/s);
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Bestellung 200100" }).click();
    await page.getByRole("heading", { level: 1, name: "Bestellung 200100" }).waitFor();
    await page.getByRole("button", { name: "Anzeigen" }).click();
    await page.getByRole("button", { name: /^Lizenzschlüssel für PixelForge Studio kopieren/ }).waitFor();
    await expectNoAxeViolations(page);

    await page.goto("/support/new");
    await page.getByRole("heading", { level: 1, name: "Support kontaktieren" }).waitFor();
    await page.getByRole("button", { name: "An den Support senden" }).click();
    await page.getByText("Bitte korrigieren Sie die markierten Felder.").waitFor();
    await page.getByLabel("Worum geht es?").selectOption("license_key");
    await page.getByLabel("Betreff").fill("Schlüssel nach Neuinstallation abgelehnt");
    await page.getByLabel("Ihre Nachricht").fill("Nach der Neuinstallation wird mein Schlüssel nicht mehr akzeptiert.");
    await page.getByRole("button", { name: "An den Support senden" }).click();
    await page.waitForURL(/\/support\/KD-/);
    await page.getByText(/^Anfrage KD-[2-9A-HJ-NP-Z]{6} eingegangen$/).waitFor();
    expect(await htmlLang(page)).toBe("de");
    const ref = /KD-[2-9A-HJ-NP-Z]{6}/.exec(page.url())?.[0] ?? "";
    const receipt = await sink.waitFor((m) => m.to.includes(email) && m.subject.includes(ref), 30_000);
    expectMailIn(receipt, "de", {
      subject: `Wir haben Ihre Support-Anfrage ${ref} erhalten`,
      fromName: "Kundensupport",
      says: ["Unser Team antwortet im Support-Portal.", "Meine Anfrage öffnen", "Gesprächsverlauf nie per E-Mail"],
    });
    await expectNoAxeViolations(page);
    expectCleanPage(tab);
    // A refusal from lib (here the attachment upload's, answered as JSON to the form's script) in German
    // too — after the clean-page check, as the browser logs the expected 400.
    await page.getByLabel("Ihre Antwort").fill("Hier ist das Programm.");
    await page.getByLabel(/^Anhänge/).setInputFiles({
      name: "werkzeug.exe",
      mimeType: "application/octet-stream",
      buffer: Buffer.concat([Buffer.from("MZ"), Buffer.alloc(512, 0x90)]),
    });
    await page.getByRole("button", { name: "Antwort senden" }).click();
    await page
      .getByText("„werkzeug.exe“ hat einen Dateityp, den wir nicht annehmen.", { exact: false })
      .first()
      .waitFor();
    await tab.context.close();
  });

  it("a Japanese browser gets every step in Japanese (polite form), with <html lang=ja>", async () => {
    const email = "ja.buyer@example.com";
    await placeOrder(email, "200200");
    const tab = await browser.newPage({ baseURL: server.url, locale: "ja-JP" });
    const { page } = tab;
    await page.goto("/");
    expect(await htmlLang(page)).toBe("ja");
    await page.getByRole("heading", { level: 1, name: "ご注文・ライセンスキー・ダウンロードをすぐに確認" }).waitFor();
    await expectNoAxeViolations(page);
    const signInMail = await signIn(page, email, {
      email: "ご購入時のメールアドレス",
      send: "ログインリンクを送信",
      sent: "受信トレイをご確認ください",
      go: "ご注文一覧へ進む",
    });
    expectMailIn(signInMail, "ja", {
      subject: "ログイン用リンクのお知らせ",
      fromName: "カスタマーサポート",
      says: ["注文を確認する", "お心当たりのない場合は、このメールを破棄してください。"],
    });
    await page.getByRole("heading", { level: 1, name: "ご注文一覧" }).waitFor();
    await expect
      .poll(() => metaOf(page), { timeout: 5_000 })
      .toMatchObject({
        title: "ご注文一覧 · カスタマーサポート",
        ogTitle: "ご注文一覧 · カスタマーサポート",
        ogLocale: "ja",
      });
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "注文 200200" }).click();
    await page.getByRole("heading", { level: 1, name: "注文 200200" }).waitFor();
    await page.getByText("ご注文内容").waitFor();
    await expectNoAxeViolations(page);
    await page.goto("/support/new");
    await page.getByLabel("お問い合わせの種類").selectOption("download");
    await page.getByLabel("件名").fill("ダウンロードについて");
    await page.getByLabel("お問い合わせ内容").fill("インストーラーをもう一度ダウンロードしたいです。");
    await page.getByRole("button", { name: "サポートに送信" }).click();
    await page.waitForURL(/\/support\/KD-/);
    await page.getByText(/^お問い合わせ KD-[2-9A-HJ-NP-Z]{6} を受け付けました$/).waitFor();
    expect(await htmlLang(page)).toBe("ja");
    const ref = /KD-[2-9A-HJ-NP-Z]{6}/.exec(page.url())?.[0] ?? "";
    const receipt = await sink.waitFor((m) => m.to.includes(email) && m.subject.includes(ref), 30_000);
    expectMailIn(receipt, "ja", {
      subject: `お問い合わせ${ref}を受け付けました`,
      fromName: "カスタマーサポート",
      says: ["担当者がサポートポータルで回答いたします。", "お問い合わせを開く"],
    });
    await expectNoAxeViolations(page);
    expectCleanPage(tab);
    await tab.context.close();
  });

  it("the language menu switches the language without JavaScript and the choice follows the visitor", async () => {
    const tab = await browser.newPage({ baseURL: server.url, locale: "en-US", javaScriptEnabled: false });
    const { page } = tab;
    await page.goto("/lookup?email=someone%40example.com");
    await page.getByRole("heading", { level: 1, name: "Find my orders" }).waitFor();
    await page.getByLabel("Language").selectOption({ label: LOCALE_NAMES.fr });
    await page.getByRole("button", { name: "Change" }).click();
    // Back on the same page (query included), now in French, and the cookie remembers it.
    await page.getByRole("heading", { level: 1, name: "Retrouver mes commandes" }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/lookup?email=someone%40example.com");
    expect(await htmlLang(page)).toBe("fr");
    const cookie = (await tab.context.cookies()).find((c) => c.name === "keydesk-locale");
    expect(cookie).toMatchObject({ value: "fr", path: "/", sameSite: "Lax", httpOnly: true });
    expect(cookie?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + 360 * 24 * 3600);
    await page.goto("/support/new");
    await page.getByRole("heading", { level: 1, name: "Contacter le support" }).waitFor();
    // (axe needs JavaScript; the French pages are checked with it in the next test's language too.)
    await tab.context.close();
  });

  it("announces hreflang alternates (?lang=xx and x-default) and a ?lang= link switches the language", async () => {
    const tab = await browser.newPage({ baseURL: server.url, locale: "en-GB" });
    const { page } = tab;
    await page.goto("/lookup");
    const alternates = await page.$$eval('link[rel="alternate"][hreflang]', (links) =>
      links.map((l) => [l.getAttribute("hreflang"), l.getAttribute("href")]),
    );
    expect(alternates).toContainEqual(["de", `${server.url}/lookup?lang=de`]);
    expect(alternates).toContainEqual(["zh-CN", `${server.url}/lookup?lang=zh-CN`]);
    expect(alternates).toContainEqual(["x-default", `${server.url}/lookup`]);
    await page.goto("/lookup?lang=zh-CN");
    await page.getByRole("heading", { level: 1, name: "查找我的订单" }).waitFor();
    expect(await htmlLang(page)).toBe("zh-CN");
    await page.goto("/");
    expect(await htmlLang(page)).toBe("zh-CN");
    await expectNoAxeViolations(page);
    await tab.context.close();
  });

  it("pseudo-locale: every visible text on every buyer page comes from the catalogue", async () => {
    const email = "pseudo.buyer@example.com";
    await placeOrder(email, "200300");
    const tab = await browser.newPage({ baseURL: server.url, locale: "en-GB" });
    const { page } = tab;
    await signIn(page, email, {
      email: "E-mail address you bought with",
      send: "Send me a sign-in link",
      sent: "Check your inbox",
      go: "Continue to my orders",
    });
    await page.goto("/support/new");
    await page.getByLabel("What is it about?").selectOption("license_key");
    await page.getByLabel("Subject").fill("Pseudo subject");
    await page.getByLabel("Your message").fill("Pseudo message body");
    await page.getByRole("button", { name: "Send to support" }).click();
    await page.waitForURL(/\/support\/KD-/);
    const ticket = new URL(page.url()).pathname;
    await tab.context.addCookies([{ name: "keydesk-locale", value: "en-XA", url: server.url }]);

    // Data, not interface text: what the test put in, names of things, and formatted values.
    const DATA = [
      email,
      "PixelForge Studio",
      "digitalriver",
      "Pseudo subject",
      "Pseudo message body",
      "Keydesk",
      "JSON",
      ...Object.values(LOCALE_NAMES),
    ];
    const pages = [
      "/",
      "/lookup",
      "/orders",
      "/orders/200300",
      "/support",
      "/support/new",
      ticket,
      "/account",
      "/activity",
      "/downloads/unavailable?reason=expired",
      "/no-such-page",
    ];
    const unmarked: Record<string, string[]> = {};
    for (const path of pages) {
      await page.goto(path);
      // Country names in the address form come from Intl.DisplayNames in the page's language: data.
      const text = await page.evaluate(() => {
        const body = document.body.cloneNode(true) as HTMLElement;
        body.querySelectorAll('select[name="country"] option').forEach((option) => option.remove());
        document.body.after(body);
        const inner = body.innerText;
        body.remove();
        return inner;
      });
      let rest = text;
      // Strip marked messages from the inside out (a message can carry another as an argument).
      for (let previous = ""; previous !== rest;) {
        previous = rest;
        rest = rest.replace(/⟦[^⟦⟧]*⟧/g, " ");
      }
      for (const item of DATA) rest = rest.split(item).join(" ");
      rest = rest.replace(/KD-[2-9A-HJ-NP-Z]{6}/g, " ");
      const words = (rest.match(/\p{L}{3,}/gu) ?? []).filter(
        // Dates and browsers as Intl and the user agent give them (month abbreviations, UTC, Chrome on Linux).
        (word) =>
          !/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|UTC|GMT|Chrome|Chromium|Headless|HeadlessChrome|Linux|Unknown|browser)$/.test(
            word,
          ),
      );
      if (words.length > 0) unmarked[path] = words;
    }
    expect(unmarked).toEqual({});
    await tab.context.close();
  });
});
