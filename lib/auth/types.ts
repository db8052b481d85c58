/** The signed-in agent as every agent-side use case receives it (from `requireAgent()`). */
export interface TAgentSession {
  sessionId: string;
  agentId: string;
  name: string;
  email: string;
  role: "admin" | "agent";
}

/** An agent whose role is admin, as admin-only use cases receive it (from `requireAdmin()`). */
export type TAdminSession = TAgentSession & { role: "admin" };

/** The actor of a change, for audit events: an agent, or the system itself (webhook, import, CLI). */
export type TActor =
  | { type: "agent"; agent: TAgentSession; ip?: string | null; userAgent?: string | null }
  | { type: "system"; label: string };

/** The signed-in buyer (a customer who proved they own the purchase address), from `requireBuyer()`. */
export interface TBuyerSession {
  sessionId: string;
  customerId: string;
  email: string;
}

/**
 * An agent who gave the right password but not yet the second factor (from `requirePendingAgent()`):
 * may only enrol or give a code on the second-factor page, nothing else.
 */
export interface TPendingAgent {
  sessionId: string;
  agentId: string;
  name: string;
  email: string;
  role: "admin" | "agent";
  /** True when an authenticator app is set up (the page asks for a code); false: enrol first. */
  enrolled: boolean;
  /** How many passkeys the agent has: any of them may give the second factor instead of a code. */
  passkeys: number;
  /** True once the second factor was given: the session can become a full one. */
  verified: boolean;
}
