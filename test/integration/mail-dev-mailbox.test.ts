import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { simpleParser } from "mailparser";
import { db } from "@/lib/db";
import { env, resetEnvForTests } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { renderMail } from "../helpers/render-mail";
import { processOutboxBatch } from "@/lib/outbox/worker";
import { listDevMailbox } from "@/lib/mail/list-dev-mailbox";
import { readDevMail } from "@/lib/mail/read-dev-mail";
import { outboxStats } from "@/lib/outbox/outbox-stats";
import type { TAdminSession, TAgentSession } from "@/lib/auth/types";
import { errorOf, givenAgent, meta } from "../helpers/actors";

let admin: TAdminSession;
let agent: TAgentSession;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvForTests();
  admin = await givenAgent("admin");
  agent = await givenAgent("agent");
});

/** The AppError code a use case refuses with. */
const codeOf = async (promise: Promise<unknown>) => (await errorOf(promise)).code;

describe("dev mailbox (SMTP_URL unset)", () => {
  let id = "";

  it("keeps the mail as a .eml file in DATA_DIR/mail, readable only by the owner", async () => {
    const content = renderMail({
      heading: "Your sign-in link",
      paragraphs: ["Hi Ada."],
      action: { label: "Sign in", url: "https://desk.example.com/s?t=1" },
    });
    ({ id } = await db().$transaction((tx) =>
      enqueueMail(tx, { kind: "auth.sign_in_link", to: "ada@example.com", subject: "Sign in to Keydesk", ...content }),
    ));
    expect(await processOutboxBatch({ workerId: "test" })).toMatchObject({ claimed: 1, sent: 1 });

    const row = await db().outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "sent", transport: "dev" });

    const dir = path.join(env().dataDir, "mail");
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const file = path.join(dir, `${id}.eml`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const parsed = await simpleParser(fs.readFileSync(file));
    expect(parsed.messageId).toBe(`<${id}@keydesk>`);
    expect(parsed.subject).toBe("Sign in to Keydesk");
    expect(parsed.text).toContain("https://desk.example.com/s?t=1");
    expect(parsed.html).toContain('href="https://desk.example.com/s?t=1"');
    expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    expect(await outboxStats(admin)).toMatchObject({ pending: 0, sent: 1, dead: 0 });
  });

  it("lists and opens dev mail for admins only, and audits it", async () => {
    expect(await codeOf(listDevMailbox(agent, { limit: 10 }, meta()))).toBe("forbidden");
    expect(await codeOf(readDevMail(agent, { id }, meta()))).toBe("forbidden");

    const list = await listDevMailbox(admin, { limit: 10 }, meta());
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id,
      to: "ada@example.com",
      subject: "Sign in to Keydesk",
      kind: "auth.sign_in_link",
      messageId: `<${id}@keydesk>`,
    });

    const mail = await readDevMail(admin, { id }, meta());
    expect(mail.text).toContain("Hi Ada.");
    expect(mail.html).toContain("Your sign-in link");
    expect(await codeOf(readDevMail(admin, { id: "missing" }, meta()))).toBe("not_found");

    const audit = await db().auditEvent.findMany({ where: { actorId: admin.agentId }, orderBy: { at: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["mail.dev_mailbox_listed", "mail.dev_mail_read"]);
    expect(audit[1]).toMatchObject({ targetType: "outbox_message", targetId: id });
    expect(JSON.stringify(audit)).not.toContain("ada@example.com");
  });
});
