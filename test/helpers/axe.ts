// Accessibility check for e2e tests: axe-core with the WCAG 2.1 A and AA rules.
//
//   await page.goto("/lookup");
//   await expectNoAxeViolations(page);   // fails with one readable line per rule and element
//
// Run it on every page a test visits, after the page has settled into the state under test (a form
// with its error messages shown is a different page to axe than the empty form).
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface TAxeOptions {
  /** CSS selectors to leave out (only for third-party widgets we do not control — we have none). */
  exclude?: string[];
}

/** Throws a list of every WCAG 2.1 A/AA violation on the page, or returns when there is none. */
export async function expectNoAxeViolations(page: Page, options: TAxeOptions = {}): Promise<void> {
  // After a server action the page's new payload streams in and React hoists its <title> into the
  // head a moment later: let it settle (a page without a title still fails below, after 2 s).
  await page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 2_000 }).catch(() => undefined);
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  if (violations.length === 0) return;
  const lines = violations.flatMap((violation) => [
    `- ${violation.id} (${violation.impact ?? "unknown impact"}): ${violation.help} — ${violation.helpUrl}`,
    ...violation.nodes
      .slice(0, 5)
      .map((node) => `    at ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ") ?? ""}`),
    ...(violation.nodes.length > 5 ? [`    … and ${violation.nodes.length - 5} more elements`] : []),
  ]);
  throw new Error(`${violations.length} accessibility violation(s) on ${page.url()}:\n${lines.join("\n")}`);
}
