import "server-only";
import { headers } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { getToken } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { GENERIC_SIGN_IN_ERROR, authenticateAgent } from "@/lib/auth/authenticate-agent";
import { finishAgentSignIn } from "@/lib/auth/finish-agent-sign-in";
import { PASSKEY_SIGN_IN_REFUSED, signInWithPasskey } from "@/lib/auth/passkeys/sign-in-with-passkey";
import { ZPasskeySignInCredentials } from "@/lib/auth/passkeys/schemas";
import { revokeSessionByToken } from "@/lib/auth/sessions";
import { redeemSignInLink } from "@/lib/buyers/redeem-sign-in-link";
import { redeemTicketLink } from "@/lib/tickets/redeem-ticket-link";
import { requestMetaOf } from "@/lib/http/request-meta";
import { ZAgentSignIn } from "@/lib/agents/schemas";
import { deriveKey } from "@/lib/crypto/keys";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";

/** A sign-in refusal whose `code` (shown to the user) is our own safe message. */
class SignInRefused extends CredentialsSignin {
  constructor(message: string) {
    super(message);
    this.code = message;
  }
}

declare module "next-auth" {
  interface User {
    sessionToken?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sessionToken?: string;
  }
}

// Auth.js handles the credentials flows (agents: e-mail + password; buyers: a mailed single-use
// link), CSRF and the one encrypted session cookie; the cookie's token is only a pointer to our
// server-side session row (lib/auth/sessions.ts), which decides everything on every request.
// The pointer never leaves the server: `GET /api/auth/session` (readable by any script on the page)
// answers without it, and the guards read it from the cookie with `sessionPointer()`.
// The configuration is built lazily so `next build` never reads secrets or touches the database.
function authSecret(): string {
  return deriveKey("auth-secret").toString("base64url");
}

/** The server-side session token inside this request's Auth.js cookie (decrypted here), if any. */
export async function sessionPointer(): Promise<string | undefined> {
  return pointerOf(await headers());
}

async function pointerOf(requestHeaders: Headers): Promise<string | undefined> {
  const jwt = await getToken({
    req: { headers: requestHeaders },
    secret: authSecret(),
    secureCookie: env().secureCookies,
  });
  return typeof jwt?.sessionToken === "string" ? jwt.sessionToken : undefined;
}

function config(): NextAuthConfig {
  const { secureCookies, agentAbsoluteMs, buyerAbsoluteMs } = env();
  return {
    secret: authSecret(),
    trustHost: true,
    useSecureCookies: secureCookies,
    basePath: "/api/auth",
    session: { strategy: "jwt", maxAge: Math.floor(Math.max(agentAbsoluteMs, buyerAbsoluteMs) / 1000) },
    pages: { signIn: "/agent/login", error: "/agent/login" },
    providers: [
      Credentials({
        credentials: { email: { label: "E-mail" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          // The boundary: Auth.js hands over whatever was posted. Malformed credentials get the
          // same generic refusal as wrong ones.
          const parsed = ZAgentSignIn.safeParse({ email: credentials.email, password: credentials.password });
          if (!parsed.success) throw new SignInRefused(GENERIC_SIGN_IN_ERROR);
          try {
            const { agentId, sessionToken } = await authenticateAgent(parsed.data, requestMetaOf(request.headers));
            return { id: agentId, sessionToken };
          } catch (error) {
            if (isAppError(error)) throw new SignInRefused(error.message);
            throw error;
          }
        },
      }),
      // Agents, after the second factor: swaps the pending session in the cookie for a full one.
      // Nothing is posted: the pending session (read from the cookie) must already have been
      // verified by `verifySecondFactor` or an enrolment.
      Credentials({
        id: "agent-second-factor",
        credentials: {},
        async authorize(_credentials, request) {
          const pending = await pointerOf(request.headers);
          if (!pending) throw new SignInRefused("Sign in again.");
          try {
            const { agentId, sessionToken } = await finishAgentSignIn(pending, requestMetaOf(request.headers));
            return { id: agentId, sessionToken };
          } catch (error) {
            if (isAppError(error)) throw new SignInRefused(error.message);
            throw error;
          }
        },
      }),
      // Agents, passwordless: a passkey with user verification counts as both factors. The browser's
      // answer arrives as JSON text with the id of the challenge it signed.
      Credentials({
        id: "agent-passkey",
        credentials: { challengeId: {}, response: {} },
        async authorize(credentials, request) {
          const parsed = ZPasskeySignInCredentials.safeParse(credentials);
          if (!parsed.success) throw new SignInRefused(PASSKEY_SIGN_IN_REFUSED);
          try {
            const { agentId, sessionToken } = await signInWithPasskey(parsed.data, requestMetaOf(request.headers));
            return { id: agentId, sessionToken };
          } catch (error) {
            if (isAppError(error)) throw new SignInRefused(error.message);
            throw error;
          }
        },
      }),
      // Buyers: the confirm button of a mailed sign-in link posts its token here.
      Credentials({
        id: "buyer-link",
        credentials: { token: {} },
        async authorize(credentials, request) {
          try {
            const { customerId, sessionToken } = await redeemSignInLink(
              { token: typeof credentials.token === "string" ? credentials.token : "" },
              requestMetaOf(request.headers),
            );
            return { id: customerId, sessionToken };
          } catch (error) {
            if (isAppError(error)) throw new SignInRefused(error.message);
            throw error;
          }
        },
      }),
      // Guests: the confirm button of a mailed ticket link opens a session for that one ticket.
      Credentials({
        id: "ticket-link",
        credentials: { token: {} },
        async authorize(credentials, request) {
          try {
            const { ticketId, sessionToken } = await redeemTicketLink(
              { token: typeof credentials.token === "string" ? credentials.token : "" },
              requestMetaOf(request.headers),
            );
            return { id: ticketId, sessionToken };
          } catch (error) {
            if (isAppError(error)) throw new SignInRefused(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.sessionToken) token.sessionToken = user.sessionToken;
        return token;
      },
      session({ session }) {
        // What `GET /api/auth/session` answers: an expiry and nothing else. The session token
        // stays inside the encrypted HttpOnly cookie, out of reach of page scripts.
        return { expires: session.expires };
      },
    },
    events: {
      // A sign-out through Auth.js itself (`POST /api/auth/signout`) ends the server-side session
      // too, not only the cookie.
      async signOut(message) {
        const token = "token" in message ? message.token?.sessionToken : undefined;
        if (typeof token === "string") await revokeSessionByToken(token);
      },
    },
    logger: {
      // Auth.js would log whole error objects (with submitted values); keep only the kind.
      error: (error) => console.error(JSON.stringify({ level: "error", msg: "auth error", type: error.name })),
      warn: () => undefined,
      debug: () => undefined,
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
