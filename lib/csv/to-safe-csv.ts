// CSV for spreadsheets, safely (OWASP "CSV injection"). Pure: no `server-only`, unit-tested directly.
import { stringify } from "csv-stringify/sync";

/** A formula trigger at the very start of a cell (tab and CR too: some spreadsheets strip them first). */
const LEADING_TRIGGER = /^[=+\-@\t\r]/;
/**
 * A trigger right after a separator inside the cell: a spreadsheet that splits on `;`, tab or `|`
 * (locale settings, "text to columns") would start a new cell there.
 */
const INNER_TRIGGER = /([,;\t\r\n|])([=+\-@])/g;

/** Prefixes `'` to every formula trigger at the start of a value or after a separator in it. */
export function neutraliseFormulas(value: string): string {
  const inner = value.replace(INNER_TRIGGER, "$1'$2");
  return LEADING_TRIGGER.test(inner) ? `'${inner}` : inner;
}

/** A CSV document (CRLF lines) with the header and rows given, every cell quoted and neutralised. */
export function toSafeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify([header.map(neutraliseFormulas), ...rows.map((row) => row.map(neutraliseFormulas))], {
    quoted: true,
    quoted_empty: true,
    record_delimiter: "windows",
  });
}
