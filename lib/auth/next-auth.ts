import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { GENERIC_SIGN_IN_ERROR, authenticateAgent } from "@/lib/auth/authenticate-agent";
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
  interface Session {
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
// The configuration is built lazily so `next build` never reads secrets or touches the database.
function config(): NextAuthConfig {
  const { secureCookies, agentAbsoluteMs, buyerAbsoluteMs } = env();
  return {
    secret: deriveKey("auth-secret").toString("base64url"),
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
      session({ session, token }) {
        // Only the pointer is exposed; the guards look it up on every request.
        return { ...session, user: { ...session.user, name: null, email: "" }, sessionToken: token.sessionToken };
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
