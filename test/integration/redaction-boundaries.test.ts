// Card numbers never reach storage through any field that stores what a person typed: a guest's
// name, subject, the free order-number field, attachment names, agents' refund decisions, the
// payment processor's reference and the verification note of an address correction — written with
// spaces, dots, tabs or full-width digits. Each value is read back from the database.
import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { decrypt, decryptOptional } from "@/lib/crypto/encryption";
import { parseOrThrow } from "@/lib/errors";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { createGuestTicket } from "@/lib/tickets/create-guest-ticket";
import { requestRefund } from "@/lib/refunds/request-refund";
import { approveRefund } from "@/lib/refunds/approve-refund";
import { denyRefund } from "@/lib/refunds/deny-refund";
import { recordGatewayReference } from "@/lib/refunds/record-gateway-reference";
import { ZRecordGatewayReferenceInput, ZRefundRequestInput } from "@/lib/refunds/schemas";
import { updateRefundSettings } from "@/lib/settings/update-refund-settings";
import { ZRefundSettingsInput } from "@/lib/settings/schemas";
import { ZAgentEmailChange } from "@/lib/accounts/schemas";
import { requestEmailChangeByAgent } from "@/lib/accounts/request-email-change-by-agent";
import { givenOrder, licenseKey } from "../helpers/fixtures";
import { givenAgent, meta, nextIp, signedIn } from "../helpers/actors";
import { file, guestValues, PNG, solvedPow } from "../helpers/tickets";

/** The same Luhn-valid test card, as people actually write it. */
const WRITTEN = [
  "4111.1111.1111.1111",
  "4111\t1111\t1111\t1111",
  "４１１１ １１１１ １１１１ １１１１",
  "4111111111111111",
];
const digitsOf = (text: string) => text.normalize("NFKC").replace(/\D/g, "");
function expectNoCard(text: string | null | undefined) {
  expect(digitsOf(text ?? "")).not.toContain("411111111111");
}

async function pendingRefund(email: string) {
  const order = await givenOrder(email, {
    items: [{ sku: "RB-A", name: "Alpha", quantity: 1, unitAmount: 1000, licenseKeys: [licenseKey()] }],
  });
  const buyer = await signedIn(email);
  const item = await db().orderItem.findFirstOrThrow({ where: { orderId: order.orderId }, select: { id: true } });
  const request = parseOrThrow(ZRefundRequestInput, {
    orderId: order.orderId,
    itemIds: [item.id],
    reason: "not_working",
    note: "",
    idempotencyKey: newIdempotencyKey(),
  });
  return (await requestRefund(buyer, request, meta())).refundId;
}

describe("card numbers at every text boundary", () => {
  it("are redacted from a guest's name, subject, order number and attachment names", async () => {
    for (const [i, card] of WRITTEN.entries()) {
      const email = `redact-${i}@example.com`;
      const { ref } = await createGuestTicket(
        {
          ...guestValues({
            email,
            name: `Card ${card}`,
            subject: `Charged ${card}`,
            orderNumber: card.replace(/\D/g, ""),
          }),
          channel: "form",
          pow: solvedPow(),
          attachments: [file(`${card}.png`, PNG)],
        },
        meta({ ip: nextIp() }),
      );
      const ticket = await db().ticket.findUniqueOrThrow({
        where: { ref },
        select: {
          nameEnc: true,
          subjectEnc: true,
          messages: { select: { bodyEnc: true } },
          attachments: { select: { fileNameEnc: true } },
        },
      });
      expect(decryptOptional(ticket.nameEnc, ENC.ticketName)).toBe("Card [card ending 1111]");
      expect(decrypt(ticket.subjectEnc, ENC.ticketSubject)).toBe("Charged [card ending 1111]");
      for (const m of ticket.messages) expectNoCard(decrypt(m.bodyEnc, ENC.ticketBody));
      for (const a of ticket.attachments) expectNoCard(decrypt(a.fileNameEnc, ENC.attachmentFileName));
    }
  });

  it("are redacted from agents' refund decisions and the processor's reference", async () => {
    const admin = await givenAgent("admin");
    const agent = await givenAgent("agent");
    await updateRefundSettings(
      admin,
      parseOrThrow(ZRefundSettingsInput, { gateway: "manual", webhookUrl: "", webhookSecret: "" }),
      meta(),
    );
    const approved = await pendingRefund("approve-card@example.com");
    await approveRefund(agent, { refundId: approved, itemIds: [], allItems: true, note: `OK ${WRITTEN[0]}` }, meta());
    await recordGatewayReference(
      agent,
      parseOrThrow(ZRecordGatewayReferenceInput, { refundId: approved, reference: WRITTEN[1] }),
      meta(),
    );
    const denied = await pendingRefund("deny-card@example.com");
    await denyRefund(agent, { refundId: denied, note: `No: ${WRITTEN[2]}` }, meta());

    const a = await db().refundRequest.findUniqueOrThrow({ where: { id: approved } });
    expect(decryptOptional(a.decisionNoteEnc, ENC.refundDecisionNote)).toBe("OK [card ending 1111]");
    expect(a.gatewayReference).toBe("[card ending 1111]");
    const d = await db().refundRequest.findUniqueOrThrow({ where: { id: denied } });
    expect(decryptOptional(d.decisionNoteEnc, ENC.refundDecisionNote)).toBe("No: [card ending 1111]");
  });

  it("are redacted from the verification note of an address correction", async () => {
    await givenOrder("typo-card@gmial.com");
    const customer = await db().customer.findUniqueOrThrow({
      where: { emailHash: emailIndex("typo-card@gmial.com") },
      select: { id: true },
    });
    const admin = await givenAgent("admin");
    await requestEmailChangeByAgent(
      admin,
      parseOrThrow(ZAgentEmailChange, {
        customerId: customer.id,
        email: "typo-card@gmail.com",
        note: `Caller read card ${WRITTEN[3]}`,
      }),
      meta(),
    );
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "account.email_change_requested", customerId: customer.id },
    });
    const { verification } = event.metadata as { verification: string };
    expect(decrypt(verification, ENC.auditVerificationNote)).toBe("Caller read card [card ending 1111]");
  });
});
