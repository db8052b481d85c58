// GET|POST /api/auth/* – Auth.js endpoints (CSRF token, credentials sign-in, sign-out) for agents
import { handlers } from "@/lib/auth/next-auth";

export const { GET, POST } = handlers;
