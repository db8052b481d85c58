// Chromium's virtual WebAuthn authenticator over CDP: a platform authenticator with resident keys
// and user verification (a "PIN or fingerprint" that always succeeds), so passkey ceremonies run
// for real in the browser without a device. It lives as long as the page's CDP session.
import type { Page } from "playwright-core";

/** Attaches a virtual authenticator to `page`; returns a function that lists its credentials. */
export async function addVirtualAuthenticator(page: Page): Promise<{ credentialCount: () => Promise<number> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentialCount: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials.length,
  };
}
