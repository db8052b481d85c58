import { describe, expect, it } from "vitest";
import { currencyDigits, decimalToMinor, minorUnits } from "@/lib/stores/providers/_shared/money";
import { MalformedDeliveryError } from "@/lib/stores/types";

describe("store money: decimal amounts → minor units per currency", () => {
  it("knows each currency's decimals (JPY none, KWD and BHD three)", () => {
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("usd")).toBe(2);
    expect(currencyDigits("KWD")).toBe(3);
    expect(currencyDigits("BHD")).toBe(3);
    expect(() => currencyDigits("dollars")).toThrow(MalformedDeliveryError);
  });

  it("parses decimal text and JSON numbers exactly, never through float arithmetic", () => {
    expect(decimalToMinor("19.99", "USD")).toBe(1999);
    expect(decimalToMinor(19.99, "USD")).toBe(1999);
    expect(decimalToMinor(4.35, "EUR")).toBe(435); // where 4.35 * 100 is 434.99999999999994
    expect(decimalToMinor("19.9", "EUR")).toBe(1990);
    expect(decimalToMinor("19", "EUR")).toBe(1900);
    expect(decimalToMinor(10, "EUR")).toBe(1000);
    expect(decimalToMinor("1000", "JPY")).toBe(1000);
    expect(decimalToMinor("1000.00", "JPY")).toBe(1000);
    expect(decimalToMinor(1000.0, "JPY")).toBe(1000);
    expect(decimalToMinor("12.345", "KWD")).toBe(12345);
    expect(decimalToMinor("0.5", "BHD")).toBe(500);
    expect(decimalToMinor("-5.25", "USD")).toBe(-525);
  });

  it("refuses amounts it cannot represent instead of rounding them", () => {
    expect(() => decimalToMinor("1000.5", "JPY")).toThrow(/more decimals/);
    expect(() => decimalToMinor("19.999", "USD")).toThrow(MalformedDeliveryError);
    expect(() => decimalToMinor(1.005, "USD")).toThrow(MalformedDeliveryError);
    for (const bad of ["", "abc", "1,99", "1e3", ".5", "12.", "99999999999999999999"]) {
      expect(() => decimalToMinor(bad, "USD"), bad).toThrow(MalformedDeliveryError);
    }
    expect(() => decimalToMinor(1e21, "USD")).toThrow(MalformedDeliveryError);
  });

  it("reads integer minor units from numbers or integer text", () => {
    expect(minorUnits("1999")).toBe(1999);
    expect(minorUnits(500)).toBe(500);
    expect(() => minorUnits("19.99")).toThrow(MalformedDeliveryError);
    expect(() => minorUnits(1.5)).toThrow(MalformedDeliveryError);
  });
});
