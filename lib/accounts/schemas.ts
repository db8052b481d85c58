import "server-only";
import { z } from "zod";
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { isCountryCode, normalizePostalCode, postalCodeError } from "@/lib/accounts/countries";
import { ZBuyerEmail } from "@/lib/buyers/email-address";

/** Blank form fields mean "not given". */
function optionalText(max: number, label: string) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value : undefined),
    z.string().trim().max(max, `${label} must be at most ${max} characters`).optional(),
  );
}

/** The postal address as it is stored (encrypted JSON, same shape as an order's billing address). */
export interface TPostalAddress {
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
}

/**
 * The details form: name required; the address is all or nothing (street, city, postal code and
 * country together, the postal code in the country's format); the phone is optional and stored in
 * E.164, read with the address's country as the default for numbers typed without "+".
 */
export const ZAccountDetails = z
  .object({
    name: z
      .string({ error: "Enter your name" })
      .trim()
      .min(1, "Enter your name")
      .max(200, "Your name must be at most 200 characters"),
    line1: optionalText(200, "The street address"),
    line2: optionalText(200, "The second address line"),
    city: optionalText(100, "The city"),
    region: optionalText(100, "The state or region"),
    postalCode: optionalText(20, "The postal code"),
    country: optionalText(2, "The country").refine(
      (c) => c === undefined || isCountryCode(c),
      "Choose a country from the list",
    ),
    phone: optionalText(40, "The phone number"),
  })
  .superRefine((v, ctx) => {
    const addressGiven = [v.line1, v.line2, v.city, v.region, v.postalCode, v.country].some((x) => x !== undefined);
    if (addressGiven) {
      if (!v.line1)
        ctx.addIssue({
          code: "custom",
          path: ["line1"],
          message: "Enter the street address, or clear the whole address",
        });
      if (!v.city) ctx.addIssue({ code: "custom", path: ["city"], message: "Enter the city" });
      if (!v.country) ctx.addIssue({ code: "custom", path: ["country"], message: "Choose the country" });
      if (!v.postalCode) ctx.addIssue({ code: "custom", path: ["postalCode"], message: "Enter the postal code" });
      else if (v.country && isCountryCode(v.country)) {
        const error = postalCodeError(v.country, v.postalCode);
        if (error) ctx.addIssue({ code: "custom", path: ["postalCode"], message: error });
      }
    }
    if (v.phone !== undefined && !toE164(v.phone, v.country)) {
      ctx.addIssue({
        code: "custom",
        path: ["phone"],
        message: v.phone.trim().startsWith("+")
          ? "Enter a valid phone number, e.g. +49 30 1234567"
          : "Enter a valid phone number for the country of your address, or start it with + and the country code",
      });
    }
  })
  .transform((v) => ({
    name: v.name,
    address:
      v.line1 && v.city && v.postalCode && v.country
        ? ({
            line1: v.line1,
            line2: v.line2 ?? null,
            city: v.city,
            region: v.region ?? null,
            postalCode: normalizePostalCode(v.postalCode),
            country: v.country,
          } satisfies TPostalAddress)
        : null,
    phone: v.phone === undefined ? null : toE164(v.phone, v.country),
  }));

/** The details form as submitted (strings). */
export type TAccountDetailsForm = z.input<typeof ZAccountDetails>;
/** The details as `updateAccountDetails` receives them: validated, normalised, the address whole or null. */
export type TAccountDetailsInput = z.output<typeof ZAccountDetails>;

/** A phone number in E.164 ("+4930123456"), or null when it is not a valid number. */
export function toE164(phone: string, country?: string): string | null {
  const defaultCountry = country && isCountryCode(country) ? (country as CountryCode) : undefined;
  try {
    const parsed = parsePhoneNumberFromString(phone.trim(), defaultCountry);
    return parsed?.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}

/** The new address of an e-mail change (same rules as the address buyers look up with). */
export const ZEmailChange = z.object({ email: ZBuyerEmail });
export type TEmailChangeInput = z.infer<typeof ZEmailChange>;

/** A customer id from a console URL or form. */
const ZCustomerId = z.string().min(1).max(64);

/** An agent's correction of a buyer's address: the customer, the new address and the verification they noted. */
export const ZAgentEmailChange = z.object({
  customerId: ZCustomerId,
  email: ZBuyerEmail,
  note: z
    .string({ error: "Note how the buyer was verified" })
    .trim()
    .min(3, "Note how the buyer was verified, e.g. the ticket reference")
    .max(500, "The note must be at most 500 characters"),
});
export type TAgentEmailChangeInput = z.infer<typeof ZAgentEmailChange>;

/** The customer an agent opens (`/agent/customers/[id]`). */
export const ZCustomerRef = z.object({ customerId: ZCustomerId });
export type TCustomerRefInput = z.infer<typeof ZCustomerRef>;

/** An agent's search for a customer by address (current, or the one an order was placed with). */
export const ZCustomerSearch = z.object({
  email: z
    .string({ error: "Enter an e-mail address" })
    .trim()
    .min(3, "Enter an e-mail address")
    .max(254, "That address is too long")
    .pipe(z.email("Enter a valid e-mail address")),
});
export type TCustomerSearchInput = z.infer<typeof ZCustomerSearch>;

/** One of the buyer's sessions to end ("others": every session but the current one). */
export const ZEndSession = z.object({ sessionId: z.string().min(1).max(64) });
export type TEndSessionInput = z.infer<typeof ZEndSession>;

/** A token from a mailed link (sign-in, e-mail change, undo). */
export const ZLinkToken = z.string().min(20).max(200);

/**
 * The button of an e-mail change or undo link. Any text up to the form's limit is taken: a token
 * that is too short or unknown is explained by the use case ("not valid", "expired", "used").
 */
export const ZEmailChangeLink = z.object({ token: z.string().max(200) });
export type TEmailChangeLinkInput = z.infer<typeof ZEmailChangeLink>;

/**
 * A customer's postal address as stored (encrypted JSON in `Customer.addressEnc`): written whole by
 * the details form or an agent's account change, or copied from a store's order, which may leave
 * fields out or send null.
 */
export const ZStoredCustomerAddress = z.object({
  line1: z.string().nullish(),
  line2: z.string().nullish(),
  city: z.string().nullish(),
  region: z.string().nullish(),
  postalCode: z.string().nullish(),
  country: z.string().nullish(),
});
export type TStoredCustomerAddress = z.infer<typeof ZStoredCustomerAddress>;
