// The pseudo-locale: English with every message wrapped in ⟦…⟧, so a browser test can find text on a
// buyer page that did not come from the catalogue (hard-coded English). Tests only: the server
// serves it when KEYDESK_PSEUDO_LOCALE=on and the visitor's language cookie says `en-XA`.

/** The cookie value that asks for the pseudo-locale (a private-use-like tag no buyer sends). */
export const PSEUDO_LOCALE = "en-XA";

export const PSEUDO_OPEN = "⟦";
export const PSEUDO_CLOSE = "⟧";

/** Every string of `messages` wrapped in markers (the ICU syntax inside is left as it is). */
export function pseudoMessages<T>(messages: T): T {
  if (typeof messages === "string") return `${PSEUDO_OPEN}${messages}${PSEUDO_CLOSE}` as T;
  if (messages && typeof messages === "object") {
    return Object.fromEntries(
      Object.entries(messages as Record<string, unknown>).map(([key, value]) => [key, pseudoMessages(value)]),
    ) as T;
  }
  return messages;
}
