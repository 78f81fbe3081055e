import { describe, expect, it } from "vitest";
import { formatUsdAmount, parseUsdAmount } from "./usd-amount";

describe("USD amounts", () => {
  it("formats cents as Unifi's decimal string", () => {
    expect(formatUsdAmount(1250)).toBe("12.50");
    expect(formatUsdAmount(5)).toBe("0.05");
    expect(formatUsdAmount(0)).toBe("0.00");
    expect(() => formatUsdAmount(12.5)).toThrow(RangeError);
    expect(() => formatUsdAmount(-1)).toThrow(RangeError);
  });

  it("parses exact amounts only, never rounding", () => {
    expect(parseUsdAmount("12.50")).toBe(1250);
    expect(parseUsdAmount("12.5")).toBe(1250);
    expect(parseUsdAmount(12.5)).toBe(1250);
    expect(parseUsdAmount("12")).toBe(1200);
    expect(parseUsdAmount("12.500")).toBe(1250);
    expect(parseUsdAmount("12.505")).toBeNull();
    expect(parseUsdAmount("-1.00")).toBeNull();
    expect(parseUsdAmount("1e3")).toBeNull();
    expect(parseUsdAmount("")).toBeNull();
  });
});
