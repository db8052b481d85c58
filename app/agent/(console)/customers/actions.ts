"use server";
import { redirect } from "next/navigation";
import { adminAction, agentAction } from "@/lib/http/actions";
import { ZAgentEmailChange, ZCustomerSearch } from "@/lib/accounts/schemas";
import { findCustomerByEmail } from "@/lib/accounts/find-customer-by-email";
import { requestEmailChangeByAgent } from "@/lib/accounts/request-email-change-by-agent";

/** Finds a customer by address (POST, so the address never lands in a URL or access log). */
export const findCustomer = agentAction(ZCustomerSearch, async ({ actor, input, meta }) => {
  const { customerId } = await findCustomerByEmail(actor, input, meta);
  if (!customerId)
    return {
      status: "error",
      message: "No customer has that address, now or on an order.",
      values: { email: input.email },
    };
  redirect(`/agent/customers/${encodeURIComponent(customerId)}`);
});

/** Starts the correction of a customer's address (admins only; the buyer confirms from the new address). */
export const correctEmail = adminAction(ZAgentEmailChange, async ({ actor, input, meta }) => {
  const { to } = await requestEmailChangeByAgent(actor, input, meta);
  return {
    status: "success",
    message: `A confirmation link was sent to ${to} (valid 24 hours). The address changes when the buyer opens it.`,
  };
});
