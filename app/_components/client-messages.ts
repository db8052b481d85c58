// Which catalogue namespaces reach the browser (NextIntlClientProvider): buyer pages get the buyer
// namespaces only — never the mails, and the console's words only inside the console — and none that
// only server components read (every page carries this payload in its HTML and parses it on load).
type TMessageTree = Record<string, unknown>;

/**
 * Namespaces no client component reads (server components and lib translate them on the server);
 * test/unit/client-messages.test.ts fails when a client component starts using one.
 */
export const SERVER_ONLY_NAMESPACES = [
  "mail",
  "home",
  "notFound",
  "globalError",
  "errors",
  "activity",
  "downloadUnavailable",
] as const;

/** The messages client components need: all but SERVER_ONLY_NAMESPACES, and `console` only when asked for. */
export function clientMessages(messages: TMessageTree, options: { console?: boolean } = {}): TMessageTree {
  const { console: consoleMessages, ...rest } = messages;
  const buyer = Object.fromEntries(
    Object.entries(rest).filter(([name]) => !(SERVER_ONLY_NAMESPACES as readonly string[]).includes(name)),
  );
  return options.console ? { ...buyer, console: consoleMessages } : buyer;
}
