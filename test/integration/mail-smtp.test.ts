import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "../helpers/render-mail";
import { processOutboxBatch, startOutboxWorker } from "@/lib/outbox/worker";
import { startSmtpSink, type TSmtpSink } from "../helpers/smtp-sink";

let sink: TSmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_FROM = "Example Software <support@vendor.example>";
  resetEnvForTests();
});

afterAll(async () => {
  await sink.stop();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  resetEnvForTests();
});

async function queue(to: string, subject: string, content = renderMail({ heading: subject, paragraphs: ["Hello."] })) {
  return db().$transaction((tx) => enqueueMail(tx, { kind: "test.mail", to, subject, ...content }));
}

describe("mail over SMTP", () => {
  it("delivers one mail with HTML and text parts, escaped content and a stable Message-ID", async () => {
    const content = renderMail({
      preheader: "Your keys are inside",
      heading: "Orders for <Ada> & co",
      paragraphs: ["Line one\nline two", "Card <script>alert(1)</script>"],
      action: { label: "Open the portal", url: "https://desk.example.com/orders?a=1&b=2" },
      footer: "You asked for this at Keydesk.",
    });
    const { id } = await db().$transaction((tx) =>
      enqueueMail(tx, {
        kind: "orders.keys",
        to: "ada@example.com",
        subject: "Your licence keys",
        ...content,
        headers: {
          "List-Unsubscribe": "<https://desk.example.com/unsubscribe?t=1>",
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
      }),
    );

    const result = await processOutboxBatch({ workerId: "test" });
    expect(result).toMatchObject({ claimed: 1, sent: 1, retried: 0, dead: 0 });

    const mail = await sink.waitFor((m) => m.messageId === `<${id}@keydesk>`);
    expect(mail.to).toEqual(["ada@example.com"]);
    expect(mail.envelopeTo).toEqual(["ada@example.com"]);
    expect(mail.from).toBe("support@vendor.example");
    expect(mail.subject).toBe("Your licence keys");
    expect(mail.headers["content-type"]).toMatch(/^multipart\/alternative/);
    expect(mail.headers["list-unsubscribe"]).toBe("<https://desk.example.com/unsubscribe?t=1>");
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.text).toContain("Orders for <Ada> & co");
    expect(mail.text).toContain("https://desk.example.com/orders?a=1&b=2");
    expect(mail.html).toContain("Orders for &lt;Ada&gt; &amp; co");
    expect(mail.html).toContain('href="https://desk.example.com/orders?a=1&amp;b=2"');
    expect(mail.html).toContain("Line one<br/>line two");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("Keydesk");
    expect(mail.html).not.toMatch(/(src|href)="(?!https:\/\/desk\.example\.com)/);

    const row = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      status: "sent",
      transport: "smtp",
      attempts: 1,
      claimToken: null,
      lockedUntil: null,
      lastError: null,
    });
    expect(row.sentAt).toBeInstanceOf(Date);

    // Sent rows are never claimed again.
    expect((await processOutboxBatch({ workerId: "test" })).claimed).toBe(0);
    expect(sink.messages.filter((m) => m.messageId === `<${id}@keydesk>`)).toHaveLength(1);
  });

  it("refuses a call-to-action that is not an http(s) link", () => {
    expect(() =>
      renderMail({ heading: "x", paragraphs: [], action: { label: "Go", url: "javascript:alert(1)" } }),
    ).toThrow();
  });

  it("runs as a poll loop that delivers new mail and stops cleanly", async () => {
    const worker = startOutboxWorker({ intervalMs: 100 });
    const { id } = await queue("grace@example.com", "Loop test");
    await sink.waitFor((m) => m.messageId === `<${id}@keydesk>`, 5_000);
    await worker.stop();
    const after = await queue("linus@example.com", "After stop");
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sink.messages.some((m) => m.messageId === `<${after.id}@keydesk>`)).toBe(false);
    expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: after.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
  });
});
