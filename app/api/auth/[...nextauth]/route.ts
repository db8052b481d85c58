// GET|POST /api/auth/* – Auth.js endpoints (CSRF token, credentials sign-in, sign-out) for agents
// Not wrapped in lib/http/routes: Auth.js parses, checks CSRF and answers these itself; our own
// checks run inside its authorize callbacks (lib/auth/next-auth.ts → authenticateAgent(input, meta)).
import { handlers } from "@/lib/auth/next-auth";

export const { GET, POST } = handlers;
