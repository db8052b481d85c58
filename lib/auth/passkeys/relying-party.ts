import "server-only";
import { env } from "@/lib/env";

/**
 * Who the passkeys belong to: the relying party id (the host of `APP_URL`) and the one origin a
 * browser may sign for. Both come from the configuration, never from request headers, so a forged
 * Host or X-Forwarded-Host header cannot make Keydesk accept a signature made for another site.
 */
export function relyingParty(): { rpID: string; rpName: string; origin: string } {
  const { appUrl, appOrigin } = env();
  return { rpID: new URL(appUrl).hostname, rpName: "Keydesk", origin: appOrigin };
}
