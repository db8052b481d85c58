import { z } from "zod";

const ZId = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9_-]*$/, "Use an id (letters, digits, - and _)");
const ZDay = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, "Use a date as YYYY-MM-DD");
const ZOptional = <T extends z.ZodType<string>>(schema: T) =>
  schema.optional().transform((value) => (value ? value : undefined));

/**
 * The audit log's filters (a GET form: ids, an action and dates only — never an e-mail address)
 * and the paging cursor (the id of the last row of the previous page).
 */
export const ZAuditLogQuery = z.object({
  agent: ZOptional(ZId),
  customer: ZOptional(ZId),
  action: ZOptional(
    z
      .string()
      .trim()
      .max(80)
      .regex(/^[a-z0-9_.]*$/, "Use an action such as customer.viewed or a prefix such as order."),
  ),
  from: ZOptional(ZDay),
  to: ZOptional(ZDay),
  cursor: ZOptional(ZId),
});
export type TAuditLogQuery = z.infer<typeof ZAuditLogQuery>;
