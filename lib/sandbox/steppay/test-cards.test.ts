import { describe, expect, it } from "vitest";
import { cardOutcome, digitsOnly, isLuhnValid, maskCardNumber, TEST_CARDS, validateCard } from "./test-cards";

const NOW = new Date("2026-05-15T12:00:00Z");
const good = { cardNumber: "4242 4242 4242 4242", expiry: "05/26", cvc: "123", cardHolder: "Kim Minji" };

describe("test cards", () => {
  it("the three published test numbers are Luhn-valid and do what they say", () => {
    expect(TEST_CARDS.map((card) => [isLuhnValid(digitsOnly(card.number)), cardOutcome(digitsOnly(card.number))])).toEqual([
      [true, "approved"],
      [true, "declined"],
      [true, "error"],
    ]);
  });

  it("any other Luhn-valid number approves", () => {
    expect(isLuhnValid("5555555555554444")).toBe(true);
    expect(cardOutcome("5555555555554444")).toBe("approved");
  });

  it("rejects Luhn-invalid and wrong-length numbers", () => {
    expect(isLuhnValid("4242424242424241")).toBe(false);
    expect(isLuhnValid("42424242")).toBe(false);
    expect(isLuhnValid("4242-4242-4242-4242")).toBe(false); // digitsOnly first
    expect(validateCard({ ...good, cardNumber: "4242 4242 4242 4241" }, NOW)).toEqual({ ok: false, fields: ["cardNumber"] });
  });

  it("masks all but the BIN and the last four digits", () => {
    expect(maskCardNumber("4242424242424242")).toBe("424242******4242");
  });
});

describe("validateCard", () => {
  it("accepts a card valid through the current month, in MM/YY or MM/YYYY", () => {
    expect(validateCard(good, NOW)).toEqual({ ok: true, digits: "4242424242424242" });
    expect(validateCard({ ...good, expiry: "5/2026" }, NOW).ok).toBe(true);
    expect(validateCard({ ...good, expiry: "0530" }, NOW).ok).toBe(true);
  });

  it("refuses an expired or malformed expiry", () => {
    for (const expiry of ["04/26", "12/25", "13/30", "00/30", "", "soon"]) {
      expect(validateCard({ ...good, expiry }, NOW)).toEqual({ ok: false, fields: ["expiry"] });
    }
  });

  it("needs a 3–4 digit CVC and a name, and reports every bad field in form order", () => {
    expect(validateCard({ ...good, cvc: "1234" }, NOW).ok).toBe(true);
    expect(validateCard({ cardNumber: "1", expiry: "1/1", cvc: "12", cardHolder: " " }, NOW)).toEqual({
      ok: false,
      fields: ["cardNumber", "expiry", "cvc", "cardHolder"],
    });
  });
});
