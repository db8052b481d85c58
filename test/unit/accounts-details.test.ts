// The details form's rules: per-country postal codes, E.164 phones read with the address's country,
// an address that is all or nothing, and country names from ISO codes.
import { describe, expect, it } from "vitest";
import { ZAccountDetails, toE164 } from "@/lib/accounts/schemas";
import { countryName, countryOptions, postalCodeError, toCountryCode } from "@/lib/accounts/countries";

const address = { line1: "Unter den Linden 1", city: "Berlin", postalCode: "10117", country: "DE" };

describe("account details schema", () => {
  it("accepts a full German address and stores the phone in E.164 using the address's country", () => {
    const parsed = ZAccountDetails.parse({ name: " Ada Lovelace ", ...address, phone: "030 1234567" });
    expect(parsed).toEqual({
      name: "Ada Lovelace",
      address: {
        line1: "Unter den Linden 1",
        line2: null,
        city: "Berlin",
        region: null,
        postalCode: "10117",
        country: "DE",
      },
      phone: "+49301234567",
    });
  });

  it.each([
    ["US", "94103", true],
    ["US", "94103-1234", true],
    ["US", "9410", false],
    ["GB", "SW1A 1AA", true],
    ["GB", "sw1a1aa", true],
    ["GB", "12345", false],
    ["DE", "10117", true],
    ["DE", "1011", false],
    ["FR", "75001", true],
    ["NL", "1012 AB", true],
    ["NL", "1012", false],
    ["CA", "K1A 0B1", true],
    ["CA", "12345", false],
    ["AU", "2000", true],
    ["IT", "00184", true],
    ["ES", "28013", true],
    ["ES", "99999", false],
    ["AT", "1010", true],
    ["CH", "8001", true],
    ["SE", "114 55", true],
    ["SE", "1145", false],
  ])("postal code %s %s → valid %s", (country, code, valid) => {
    expect(postalCodeError(country, code) === null).toBe(valid);
  });

  it("names the field and the expected format when the postal code does not fit the country", () => {
    const result = ZAccountDetails.safeParse({ name: "Ada", ...address, postalCode: "ABC" });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join(".") === "postalCode");
    expect(issue?.message).toMatch(/Germany, e\.g\. 10115/);
  });

  it("refuses a partial address, an unknown country and an invalid phone, field by field", () => {
    const result = ZAccountDetails.safeParse({ name: "", line1: "", city: "Paris", country: "ZZ", phone: "12345" });
    const paths = new Set(result.error?.issues.map((i) => i.path.join(".")));
    expect(paths).toEqual(new Set(["name", "line1", "country", "postalCode", "phone"]));
  });

  it("accepts just a name (no address, no phone), and an international phone without an address", () => {
    expect(ZAccountDetails.parse({ name: "Ada", line1: "", city: "", postalCode: "", country: "", phone: "" })).toEqual(
      { name: "Ada", address: null, phone: null },
    );
    expect(ZAccountDetails.parse({ name: "Ada", phone: "+44 20 7946 0958" }).phone).toBe("+442079460958");
    expect(toE164("020 7946 0958", "GB")).toBe("+442079460958");
    expect(toE164("020 7946 0958")).toBeNull();
  });

  it("lists ISO countries with English names and reads codes or names sent by stores", () => {
    expect(countryName("DE")).toBe("Germany");
    const options = countryOptions();
    expect(options.length).toBeGreaterThan(240);
    expect(options.find((o) => o.value === "GB")?.label).toBe("United Kingdom");
    expect(toCountryCode("de")).toBe("DE");
    expect(toCountryCode("Germany")).toBe("DE");
    expect(toCountryCode("UK")).toBe("GB");
    expect(toCountryCode("Atlantis")).toBeNull();
  });
});
