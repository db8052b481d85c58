"use server";
import { redirect } from "next/navigation";
import { agentAction } from "@/lib/http/actions";
import { ZInboxSearchForm } from "@/lib/tickets/agent-schemas";
import { sealAgentSearch } from "@/lib/crypto/sealed-search";

/** Inbox search: posted, answered with the inbox under a sealed token (no address in the URL or access log). */
export const searchTicketsForm = agentAction.submit(ZInboxSearchForm, ({ actor, input }) => {
  const params = new URLSearchParams({ view: input.view });
  if (input.query) params.set("s", sealAgentSearch(actor, input.query));
  if (input.sort) params.set("sort", input.sort);
  redirect(`/agent/tickets?${params.toString()}`);
});
