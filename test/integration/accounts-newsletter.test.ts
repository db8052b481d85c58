// Newsletter: opt-in/out on the account page; the welcome mail (non-transactional) carries RFC 8058
// headers pointing at a signed one-click endpoint; the signed link unsubscribes without a session,
// a forged one changes nothing; the choice can arrive with orders; admins export opt-ins as CSV.
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { db } from "@/lib/db";
import { setNewsletter } from "@/lib/newsletter/set-newsletter";
import { unsubscribeByToken } from "@/lib/newsletter/unsubscribe-by-token";
import { isValidUnsubscribeToken } from "@/lib/newsletter/is-valid-unsubscribe-token";
import { unsubscribeToken } from "@/lib/newsletter/unsubscribe-token";
import { listUnsubscribeHeaders } from "@/lib/newsletter/list-unsubscribe";
import { exportNewsletterCsv } from "@/lib/newsletter/export-newsletter-csv";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, givenAgent, meta, signedIn } from "../helpers/actors";
import { queuedMails } from "../helpers/mails";

const subscribed = async (id: string) => (await db().customer.findUniqueOrThrow({ where: { id } })).newsletter;

describe("newsletter", () => {
  it("opts in with a welcome mail carrying List-Unsubscribe headers, and the signed link opts out without a session", async () => {
    await givenOrder("reader@example.com");
    const buyer = await signedIn("reader@example.com");
    expect(await setNewsletter(buyer, { subscribed: true }, meta())).toEqual({ changed: true });
    expect(await setNewsletter(buyer, { subscribed: true }, meta())).toEqual({ changed: false });
    expect(await subscribed(buyer.customerId)).toBe(true);

    const [welcome, ...more] = await queuedMails({ kind: "newsletter.subscribed" });
    expect(more).toHaveLength(0);
    expect(welcome?.to).toBe("reader@example.com");
    const token = unsubscribeToken(buyer.customerId);
    // The one-click unsubscribe headers, and the mail's language like every buyer mail.
    expect(welcome?.headers).toEqual({
      "Content-Language": "en",
      "List-Unsubscribe": `<http://localhost:3000/api/v1/unsubscribe/${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(welcome?.headers).toMatchObject(listUnsubscribeHeaders(buyer.customerId));
    expect(welcome?.text).toContain(`/unsubscribe/${token}`);

    // A forged or truncated token changes nothing.
    const forged = `${buyer.customerId}.${"A".repeat(43)}`;
    expect(isValidUnsubscribeToken({ token: forged })).toBe(false);
    expect(isValidUnsubscribeToken({ token })).toBe(true);
    const mailServer = meta({ ip: "192.0.2.1", userAgent: "Mail client" });
    expect((await errorOf(unsubscribeByToken({ token: forged, via: "one_click" }, mailServer))).code).toBe("not_found");
    expect((await errorOf(unsubscribeByToken({ token: token.slice(0, -2), via: "one_click" }, mailServer))).code).toBe(
      "not_found",
    );
    expect(await subscribed(buyer.customerId)).toBe(true);

    await unsubscribeByToken({ token, via: "one_click" }, mailServer);
    expect(await subscribed(buyer.customerId)).toBe(false);
    // Twice is fine (idempotent) and audited once.
    await unsubscribeByToken({ token, via: "unsubscribe_page" }, meta({ ip: "192.0.2.1" }));
    const events = await db().auditEvent.findMany({
      where: { action: "account.newsletter_changed", customerId: buyer.customerId },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => e.metadata)).toEqual([
      { subscribed: true, via: "account" },
      { subscribed: false, via: "one_click" },
    ]);
  });

  it("takes the choice from orders (newer wins over older) and exports current opt-ins as CSV for admins only", async () => {
    const placed = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await givenOrder("fan@example.com", {
      placedAt: placed(5),
      customer: { email: "fan@example.com", name: '=HYPERLINK("x");@SUM(1)', newsletter: true },
    });
    await givenOrder("fan@example.com", {
      placedAt: placed(9),
      customer: { email: "fan@example.com", name: "Fan", newsletter: false },
    });
    await givenOrder("quiet@example.com", {
      customer: { email: "quiet@example.com", name: "Quiet", newsletter: false },
    });
    const fan = await signedIn("fan@example.com");
    expect(await subscribed(fan.customerId)).toBe(true);

    expect((await errorOf(exportNewsletterCsv(await givenAgent("agent"), meta()))).code).toBe("forbidden");
    expect(await db().auditEvent.count({ where: { action: "privacy.newsletter_exported" } })).toBe(0);
    const { csv, count, fileName } = await exportNewsletterCsv(await givenAgent("admin"), meta());
    expect(fileName).toMatch(/^newsletter-opt-ins-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse<Record<string, string>>(csv, { columns: true });
    const emails = rows.map((r) => r.email);
    expect(emails).toContain("fan@example.com");
    expect(emails).not.toContain("quiet@example.com");
    expect(count).toBe(rows.length);
    const fanRow = rows.find((r) => r.email === "fan@example.com");
    // Neutralised at the start and after a separator, every cell quoted (csv-stringify).
    expect(fanRow?.name).toBe("'=HYPERLINK(\"x\");'@SUM(1)");
    expect(csv.split("\r\n")[0]).toBe('"email","name","subscribed_at","unsubscribe_url"');
    expect(fanRow?.unsubscribe_url).toContain(`/unsubscribe/${unsubscribeToken(fan.customerId)}`);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "privacy.newsletter_exported" } });
    expect(audit.metadata).toEqual({ rows: rows.length });
  });
});
