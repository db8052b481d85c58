import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { MalformedDeliveryError } from "@/lib/stores/types";

// Reading a delivery's body: JSON first, then the provider's zod schema. Both failures become a
// MalformedDeliveryError whose message an admin can act on ("data.items.0.quantity: expected
// number"), recorded in the store's received-events log.

/** The body parsed as JSON and checked against `schema`, or a MalformedDeliveryError. */
export function parseJsonBody<T extends z.ZodType>(rawBody: Buffer, schema: T): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw new MalformedDeliveryError("The body is not valid JSON");
  }
  return parseWith(schema, json, "The body");
}

/** `value` checked against `schema`; the error names the first few fields that do not fit. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`);
  throw new MalformedDeliveryError(`${what} does not have the expected shape — ${problems.join("; ")}`);
}

/** A stable id for providers that send no event id: a hash of what makes the event unique. */
export function derivedEventId(...parts: (string | number)[]): string {
  return `sha256:${createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 40)}`;
}
