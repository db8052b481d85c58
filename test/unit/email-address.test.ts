import { describe, expect, it } from "vitest";
import { maskEmail, suggestEmailCorrection, ZBuyerEmail } from "@/lib/buyers/email-address";

describe("suggestEmailCorrection", () => {
  it.each([
    ["ada@gmial.com", "ada@gmail.com"],
    ["ada@gmail.con", "ada@gmail.com"],
    ["ada@hotmial.com", "ada@hotmail.com"],
    ["ada@yaho.com", "ada@yahoo.com"],
    ["ada@outlok.com", "ada@outlook.com"],
    ["ada@iclod.com", "ada@icloud.com"],
  ])("%s → %s", (typed, expected) => {
    expect(suggestEmailCorrection(typed)).toBe(expected);
  });

  it.each(["ada@gmail.com", "ada@example.com", "ada@acme-software.io", "ada@gmx.de", "ada@mail.ru"])(
    "leaves %s alone",
    (email) => {
      expect(suggestEmailCorrection(email)).toBeNull();
    },
  );
});

describe("ZBuyerEmail", () => {
  it("normalises case and whitespace", () => {
    expect(ZBuyerEmail.parse("  Ada@Example.COM ")).toBe("ada@example.com");
  });
  it("refuses look-alike characters instead of matching them", () => {
    expect(ZBuyerEmail.safeParse("аda@example.com").success).toBe(false); // Cyrillic а
    expect(ZBuyerEmail.safeParse("ada＠example.com").success).toBe(false); // full-width @
  });
});

it("maskEmail keeps the first and last letter", () => {
  expect(maskEmail("ada.lovelace@example.com")).toBe("a•••e@example.com");
  expect(maskEmail("al@example.com")).toBe("a•••@example.com");
});
