"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/http/actions";
import { ZNewAgent, ZSetAgentDisabled } from "@/lib/agents/schemas";
import { createAgent } from "@/lib/agents/create-agent";
import { setAgentDisabled } from "@/lib/agents/set-agent-disabled";

/** Adds an agent or admin. */
export const createAgentAction = adminAction(ZNewAgent, async ({ actor, input, meta }) => {
  const agent = await createAgent(actor, input, meta);
  revalidatePath("/agent/agents");
  return { status: "success", message: `${agent.name} can now sign in.` };
});

/** Disables or re-enables an agent. */
export const setAgentDisabledAction = adminAction(ZSetAgentDisabled, async ({ actor, input, meta }) => {
  await setAgentDisabled(actor, input, meta);
  revalidatePath("/agent/agents");
  return { status: "success", message: input.disabled ? "Agent disabled and signed out." : "Agent enabled." };
});
