import "server-only";
import { MalformedDeliveryError } from "@/lib/stores/types";

// Form-encoded deliveries (2Checkout's IPN, Gumroad's ping): the pairs in the order they were sent
// (2Checkout signs them in that order), repeated names kept (`IPN_PID[]`), UTF-8 decoded.

/** The body's name/value pairs in their received order, or a MalformedDeliveryError. */
export function parseFormBody(rawBody: Buffer): [string, string][] {
  const text = rawBody.toString("utf8");
  if (text.includes("\uFFFD")) throw new MalformedDeliveryError("The body is not UTF-8 form data");
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    throw new MalformedDeliveryError("The body is JSON, not form data");
  }
  return [...new URLSearchParams(trimmed)];
}

/** The first value of `name`, or undefined. */
export function formValue(pairs: readonly [string, string][], name: string): string | undefined {
  return pairs.find(([key]) => key === name)?.[1];
}

/** Every value of `name` (an array field such as `IPN_PID[]`), in order. */
export function formValues(pairs: readonly [string, string][], name: string): string[] {
  return pairs.filter(([key]) => key === name).map(([, value]) => value);
}
