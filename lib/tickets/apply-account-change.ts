import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { z } from "zod";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { db } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max: number) => z.preprocess(blank, z.string().trim().max(max, `At most ${max} characters`).optional());

const ZAccountChange = z
  .object({
    name: text(100),
    phone: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .max(40)
        .transform((v, ctx) => {
          const phone = parsePhoneNumberFromString(v);
          if (!phone?.isValid()) {
            ctx.addIssue({ code: "custom", message: "Enter the number with its country code, e.g. +49 170 1234567" });
            return z.NEVER;
          }
          return phone.number;
        })
        .optional(),
    ),
    line1: text(200),
    line2: text(200),
    city: text(100),
    region: text(100),
    postalCode: text(20),
    country: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, "Use the two-letter country code, e.g. DE")
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    const address = [v.line1, v.city, v.postalCode, v.country];
    if (address.some(Boolean) && !address.every(Boolean)) {
      for (const key of ["line1", "city", "postalCode", "country"] as const) {
        if (!v[key]) ctx.addIssue({ code: "custom", path: [key], message: "Needed for a new address" });
      }
    }
    if (!v.name && !v.phone && !v.line1)
      ctx.addIssue({ code: "custom", path: ["name"], message: "Enter at least one detail to change" });
  });

/**
 * Applies an account-change request from a ticket to the customer's profile (name, phone, postal
 * address). Only for a confirmed ticket whose customer is known — the address on the ticket was
 * proven by the buyer — so nobody can change someone else's details by writing in their name.
 * Audited with the fields changed (never their values) and noted internally in the thread.
 */
export async function applyAccountChange(input: {
  agent: TAgentSession;
  ref: string;
  values: unknown;
}): Promise<{ fields: string[] }> {
  const parsed = ZAccountChange.safeParse(input.values);
  if (!parsed.success)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  const v = parsed.data;
  const ticket = await db().ticket.findUnique({
    where: { ref: input.ref.toUpperCase() },
    select: { id: true, verifiedAt: true, customerId: true, emailHash: true },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.");
  const customer = ticket.verifiedAt
    ? await db().customer.findFirst({
        where: {
          OR: [...(ticket.customerId ? [{ id: ticket.customerId }] : []), { emailHash: ticket.emailHash }],
          erasedAt: null,
        },
        select: { id: true },
      })
    : null;
  if (!customer)
    throw new AppError(
      "conflict",
      "Only a confirmed ticket from a known customer's address can change account details.",
    );
  const data: { nameEnc?: string; phoneEnc?: string; addressEnc?: string } = {};
  if (v.name) data.nameEnc = encrypt(v.name, ENC.customerName);
  if (v.phone) data.phoneEnc = encrypt(v.phone, ENC.customerPhone);
  if (v.line1) {
    const address = {
      line1: v.line1,
      line2: v.line2 ?? null,
      city: v.city,
      region: v.region ?? null,
      postalCode: v.postalCode,
      country: v.country,
    };
    data.addressEnc = encrypt(JSON.stringify(address), ENC.customerAddress);
  }
  const fields = [v.name ? "name" : null, v.phone ? "phone" : null, v.line1 ? "address" : null].filter(
    (f): f is string => f !== null,
  );
  await db().$transaction(async (tx) => {
    await tx.customer.update({ where: { id: customer.id }, data });
    await tx.ticketMessage.create({
      data: {
        id: newId(),
        ticketId: ticket.id,
        author: "system",
        agentId: input.agent.agentId,
        internal: true,
        bodyEnc: encrypt(
          `${input.agent.name} updated the customer's ${fields.join(", ")} from this ticket.`,
          ENC.ticketBody,
        ),
      },
    });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: input.agent.agentId,
        customerId: customer.id,
        action: "customer.updated_from_ticket",
        targetType: "customer",
        targetId: customer.id,
        metadata: { fields, ticketId: ticket.id },
      },
      tx,
    );
  });
  return { fields };
}
