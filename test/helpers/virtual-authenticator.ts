// Chromium's virtual WebAuthn authenticator over CDP: a platform authenticator with resident keys
// and user verification (a "PIN or fingerprint" that always succeeds), so passkey ceremonies run
// for real in the browser without a device. It lives as long as the page's CDP session.
import type { Page } from "playwright-core";

export interface TVirtualAuthenticator {
  credentialCount: () => Promise<number>;
  /**
   * Takes the authenticator's passkeys away until the returned function puts them back. Chromium's
   * virtual authenticator answers a page's conditional (autofill) request by itself, where a person
   * would have to pick the passkey — so a test that means to type a password hides them meanwhile.
   */
  hideCredentials: () => Promise<() => Promise<void>>;
}

/** Attaches a virtual authenticator to `page`. */
export async function addVirtualAuthenticator(page: Page): Promise<TVirtualAuthenticator> {
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
    hideCredentials: async () => {
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
      return async () => {
        for (const credential of credentials) await cdp.send("WebAuthn.addCredential", { authenticatorId, credential });
      };
    },
  };
}
