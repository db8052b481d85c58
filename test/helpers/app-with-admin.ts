// The set-up console e2e tests share: a migrated app server with one admin created through the CLI
// (as an operator would, password from KEYDESK_AGENT_PASSWORD), a browser, and admin pages signed
// in through the real forms — the second factor enrolled at the first sign-in, codes after that.
//
//   const app = await startAppWithAdmin({ email: "ada@example.com", name: "Ada", smtpUrl: sink.url });
//   const admin = await app.adminPage();   // on /agent, signed in
//   await app.stop();
import { runCliOk, startAppServer, type TAppServer, type TAppServerOptions } from "./app-server";
import { launchBrowser, type TTestBrowser, type TTrackedPage } from "./browser";
import { signInAgentInBrowser } from "./agent-sign-in";

export const ADMIN_PASSWORD = "correct horse battery staple";

export interface TAppWithAdmin {
  server: TAppServer;
  browser: TTestBrowser;
  /** A page in a fresh context (own cookies), the admin signed in through the console's forms. */
  adminPage: () => Promise<TTrackedPage>;
  /** Closes the browser and stops the server. */
  stop: () => Promise<void>;
}

/** Starts the app with one admin (`email`, `name`, password `ADMIN_PASSWORD`) and a browser. */
export async function startAppWithAdmin(
  admin: { email: string; name: string },
  options: Omit<TAppServerOptions, "beforeStart"> = {},
): Promise<TAppWithAdmin> {
  const server = await startAppServer({
    ...options,
    beforeStart: async (s) => {
      await runCliOk(s, ["migrate"]);
      await runCliOk(s, ["agent:create", "--email", admin.email, "--name", admin.name, "--role", "admin"], {
        KEYDESK_AGENT_PASSWORD: ADMIN_PASSWORD,
      });
    },
  });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  return {
    server,
    browser,
    adminPage: async () => {
      const tab = await browser.newPage({ baseURL: server.url });
      await signInAgentInBrowser(tab.page, admin.email, ADMIN_PASSWORD);
      return tab;
    },
    stop: async () => {
      await browser.close();
      await server.stop();
    },
  };
}
