"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/http/actions";
import { ZNewAgent, ZSetAgentDisabled } from "@/lib/agents/schemas";
import { createAgent } from "@/lib/agents/create-agent";
import { setAgentDisabled } from "@/lib/agents/set-agent-disabled";
import { ZResetSecondFactor, ZSecuritySettingsInput } from "@/lib/auth/schemas";
import { resetSecondFactor } from "@/lib/auth/reset-second-factor";
import { updateSecuritySettings } from "@/lib/auth/update-security-settings";

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

/** Removes another agent's authenticator app and recovery codes; they enrol again at their next sign-in. */
export const resetSecondFactorAction = adminAction(ZResetSecondFactor, async ({ actor, input, meta }) => {
  await resetSecondFactor(actor, input, meta);
  revalidatePath("/agent/agents");
  return { status: "success", message: "Second factor reset; they set up a new one at their next sign-in." };
});

/** Whether every agent, not only admins, must use a second factor. */
export const saveSecuritySettingsAction = adminAction(ZSecuritySettingsInput, async ({ actor, input, meta }) => {
  await updateSecuritySettings(actor, input, meta);
  revalidatePath("/agent/agents");
  return { status: "success", message: "Saved." };
});
