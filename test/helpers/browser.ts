// Debian's Chromium driven by playwright-core, with every page watched for console errors, uncaught
// exceptions and Content-Security-Policy violations.
//
//   const browser = await launchBrowser();                      // in beforeAll (one per test file)
//   const tab = await browser.newPage({ baseURL: server.url }); // fresh context: no cookies
//   await tab.page.goto("/");
//   expectCleanPage(tab);                                       // no console errors, no CSP violations
//   await browser.close();                                      // in afterAll
//
// Several pages sharing one sign-in: `const ctx = await browser.newContext({ baseURL })`, then
// `ctx.newPage()` as often as needed. `npx playwright install` cannot work here, so the browser is the
// `chromium` package found on PATH; each launch gets a new empty profile (user-data dir).
import { execFileSync } from "node:child_process";
import { expect } from "vitest";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface TTrackedPage {
  page: Page;
  context: BrowserContext;
  /** `console.error` messages with their source URL (including the browser's own "Failed to load
   *  resource" and "Refused to …" CSP reports). */
  consoleErrors: string[];
  /** Exceptions thrown by page scripts and not caught. */
  pageErrors: string[];
  /** `securitypolicyviolation` events: "<directive> blocked <uri> (<source>:<line>)". */
  cspViolations: string[];
}

export interface TTrackedContext {
  context: BrowserContext;
  newPage: () => Promise<TTrackedPage>;
  close: () => Promise<void>;
}

export interface TTestBrowser {
  browser: Browser;
  /** A new context (own cookies and storage); `baseURL` lets tests write `page.goto("/path")`. */
  newContext: (options?: BrowserContextOptions) => Promise<TTrackedContext>;
  /** A page in a context of its own. */
  newPage: (options?: BrowserContextOptions) => Promise<TTrackedPage>;
  close: () => Promise<void>;
}

/** Where Debian's `chromium` is (CHROMIUM_PATH overrides). */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium is not installed: apt-get install -y chromium");
  }
}

// Runs in every document before its own scripts (injected over the DevTools protocol, so the page's
// CSP does not apply to it) and reports violations straight to the test process.
const REPORT_CSP_VIOLATIONS = `
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__keydeskReportCsp(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") +
      " (" + (e.sourceFile || "document") + ":" + e.lineNumber + ")");
  });
`;

/** Launches headless Chromium with a new, empty profile. */
export async function launchBrowser(): Promise<TTestBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });

  const newContext = async (options: BrowserContextOptions = {}): Promise<TTrackedContext> => {
    const context = await browser.newContext(options);
    const byPage = new Map<Page, string[]>();
    await context.exposeBinding("__keydeskReportCsp", ({ page }, message: string) => {
      byPage.get(page)?.push(message);
    });
    await context.addInitScript(REPORT_CSP_VIOLATIONS);
    return {
      context,
      close: () => context.close(),
      newPage: async () => {
        const page = await context.newPage();
        const tracked: TTrackedPage = { page, context, consoleErrors: [], pageErrors: [], cspViolations: [] };
        byPage.set(page, tracked.cspViolations);
        page.on("console", (message) => {
          if (message.type() !== "error") return;
          const where = message.location().url;
          tracked.consoleErrors.push(where ? `${message.text()} [${where}]` : message.text());
        });
        page.on("pageerror", (error) => tracked.pageErrors.push(error.message));
        return tracked;
      },
    };
  };

  return {
    browser,
    newContext,
    newPage: async (options) => (await newContext(options)).newPage(),
    close: () => browser.close(),
  };
}

/** Fails the test when the page logged a console error, threw, or violated its CSP. */
export function expectCleanPage(tab: TTrackedPage): void {
  expect({ consoleErrors: tab.consoleErrors, pageErrors: tab.pageErrors, cspViolations: tab.cspViolations }).toEqual({
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
  });
}
