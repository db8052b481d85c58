// What Auth.js's own endpoints do with our server-side sessions: `GET /api/auth/session` (readable by
// any script on the page) must not hand out the session token that the HttpOnly cookie protects, and
// `POST /api/auth/signout` must end the session row, not only clear the cookie. Called through the
// real route handlers with a real encrypted session cookie.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { handlers } from "@/lib/auth/next-auth";
import { authenticateAgent } from "@/lib/auth/authenticate-agent";
import { validateAgentSession } from "@/lib/auth/agent-sessions";
import { deriveKey } from "@/lib/crypto/keys";
import { AGENT_PASSWORD, givenAgent, meta, nextIp } from "../helpers/actors";

const BASE = "http://localhost:3000";
const SESSION_COOKIE = "authjs.session-token";

/** The Auth.js cookie a browser holds after signing in with `sessionToken`. */
async function sessionCookie(agentId: string, sessionToken: string): Promise<string> {
  const jwt = await encode({
    token: { sub: agentId, sessionToken },
    secret: deriveKey("auth-secret").toString("base64url"),
    salt: SESSION_COOKIE,
  });
  return `${SESSION_COOKIE}=${jwt}`;
}

async function signedInAgent() {
  const agent = await givenAgent("agent");
  const { agentId, sessionToken } = await authenticateAgent(
    { email: agent.email, password: AGENT_PASSWORD },
    meta({ ip: nextIp() }),
  );
  return { agentId, sessionToken, cookie: await sessionCookie(agentId, sessionToken) };
}

describe("Auth.js endpoints", () => {
  it("answers GET /api/auth/session without the session token or anything else secret", async () => {
    const { sessionToken, cookie } = await signedInAgent();
    const response = await handlers.GET(new NextRequest(`${BASE}/api/auth/session`, { headers: { cookie } }));
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).not.toContain(sessionToken);
    expect(Object.keys(JSON.parse(body) as object)).toEqual(["expires"]);
    // The cookie still works on the server: the guards read the token from it, not from this answer.
    expect(await validateAgentSession(sessionToken)).not.toBeNull();
  });

  it("ends the server-side session on POST /api/auth/signout", async () => {
    const { sessionToken, cookie } = await signedInAgent();
    const csrf = await handlers.GET(new NextRequest(`${BASE}/api/auth/csrf`, { headers: { cookie } }));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = (csrf.headers.getSetCookie().find((c) => c.startsWith("authjs.csrf-token=")) ?? "").split(
      ";",
    )[0];
    const response = await handlers.POST(
      new NextRequest(`${BASE}/api/auth/signout`, {
        method: "POST",
        headers: { cookie: `${cookie}; ${csrfCookie}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, callbackUrl: `${BASE}/agent/login` }),
      }),
    );
    expect(response.status).toBeLessThan(400);
    // A copy of the old cookie (kept by an attacker, or a second tab) opens nothing any more.
    expect(await validateAgentSession(sessionToken)).toBeNull();
  });
});
