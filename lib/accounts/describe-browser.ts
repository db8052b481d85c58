// A user agent as people recognise it: "Chrome 131 on Windows". One parser for every page that
// lists browsers (/account, /activity). Unknown agents show as sent, shortened; this is a label
// for the buyer, never a security decision. Order matters: Edge and Opera also say "Chrome", and
// every Chromium browser also says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/(?:Firefox|FxiOS)\/(\d+)/, "Firefox"],
  [/HeadlessChrome\/(\d+)/, "Headless Chrome"],
  [/(?:Chrome|Chromium|CriOS)\/(\d+)/, "Chrome"],
  [/Version\/(\d+)[\d.]* .*Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** Longest label shown for an agent that is not recognised (the full text is in the title). */
export const MAX_UNKNOWN_AGENT_LENGTH = 80;

/** "Chrome 156 on Linux"; the raw user agent (at most 80 characters) when it is not recognised. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = BROWSERS.map(([pattern, name]) => {
    const match = pattern.exec(userAgent);
    return match ? `${name} ${match[1]}` : null;
  }).find((label) => label !== null);
  if (!browser)
    return userAgent.length > MAX_UNKNOWN_AGENT_LENGTH
      ? `${userAgent.slice(0, MAX_UNKNOWN_AGENT_LENGTH - 1)}…`
      : userAgent;
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${browser} on ${system}` : browser;
}
