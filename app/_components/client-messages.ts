// Which catalogue namespaces reach the browser (NextIntlClientProvider): buyer pages get the buyer
// namespaces only — never the mails, and the console's words only inside the console.
type TMessageTree = Record<string, unknown>;

/** The messages client components need: all but `mail`, and `console` only when asked for. */
export function clientMessages(messages: TMessageTree, options: { console?: boolean } = {}): TMessageTree {
  const { mail: _mail, console: consoleMessages, ...buyer } = messages;
  return options.console ? { ...buyer, console: consoleMessages } : buyer;
}
