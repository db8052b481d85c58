"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireAgent } from "@/lib/auth/guards";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { findCustomerByEmail } from "@/lib/accounts/find-customer-by-email";
import { requestEmailChangeByAgent } from "@/lib/accounts/request-email-change-by-agent";

/** Finds a customer by address (POST, so the address never lands in a URL or access log). */
export const findCustomer = formAction(
  z.object({ email: z.string().max(300) }),
  async ({ email }): Promise<TFormState> => {
    const agent = await requireAgent();
    const { customerId } = await findCustomerByEmail({ agent, email });
    if (!customerId)
      return { status: "error", message: "No customer has that address, now or on an order.", values: { email } };
    redirect(`/agent/customers/${encodeURIComponent(customerId)}`);
  },
);

/** Starts the correction of a customer's address (the buyer confirms from the new address). */
export const correctEmail = formAction(
  z.object({ customerId: z.string().max(64), email: z.string().max(300), note: z.string().max(2000) }),
  async (input): Promise<TFormState> => {
    const agent = await requireAgent();
    const h = await headers();
    const { to } = await requestEmailChangeByAgent({ agent, ...input, ip: clientIp(h), userAgent: userAgentOf(h) });
    return {
      status: "success",
      message: `A confirmation link was sent to ${to} (valid 24 hours). The address changes when the buyer opens it.`,
    };
  },
);
