"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/guards";
import { createAgent } from "@/lib/agents/create-agent";
import { setAgentDisabled } from "@/lib/agents/set-agent-disabled";
import { formAction } from "@/lib/http/form-action";

/** Adds an agent or admin (the use case validates; this only passes the form through). */
export const createAgentAction = formAction(
  z.object({ email: z.string(), name: z.string(), role: z.string(), password: z.string() }),
  async (input) => {
    const admin = await requireAdmin();
    const agent = await createAgent(input, { agentId: admin.agentId });
    revalidatePath("/agent/agents");
    return { status: "success", message: `${agent.name} can now sign in.` };
  },
);

/** Disables or re-enables an agent. */
export const setAgentDisabledAction = formAction(
  z.object({ agentId: z.string().min(1).max(64), disabled: z.enum(["true", "false"]) }),
  async ({ agentId, disabled }) => {
    const admin = await requireAdmin();
    await setAgentDisabled({ admin, agentId, disabled: disabled === "true" });
    revalidatePath("/agent/agents");
    return { status: "success", message: disabled === "true" ? "Agent disabled and signed out." : "Agent enabled." };
  },
);
