"use server";
import { redirect } from "next/navigation";
import { agentAction } from "@/lib/http/actions";
import { ZOrderSearch } from "@/lib/orders/schemas";
import { sealAgentSearch } from "@/lib/crypto/sealed-search";

/** Order search: posted, answered with the results page under a sealed token (no address or key in the URL). */
export const searchOrdersForm = agentAction.submit(ZOrderSearch, ({ actor, input }) => {
  redirect(`/agent/orders?s=${sealAgentSearch(actor, input.query)}`);
});
