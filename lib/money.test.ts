import { describe, expect, it, vi } from "vitest";
import { formatMoney, parseDecimalAmount, toDecimalString } from "./money";

describe("money", () => {
  it("formats KRW without decimals and USD with cents", () => {
    expect(formatMoney(59000, "KRW", "en")).toBe("₩59,000");
    expect(formatMoney(1350, "USD", "en")).toBe("$13.50");
    expect(formatMoney(59000, "KRW", "ko")).toBe("₩59,000");
  });

  it("reuses one formatter per language and currency, never another pair's", () => {
    // Korean + USD is used nowhere else in this file: its first use builds its formatter, the next reuses it.
    const RealNumberFormat = Intl.NumberFormat;
    const constructed = vi.spyOn(Intl, "NumberFormat").mockImplementation(function (locale, options) {
      return new RealNumberFormat(locale, options);
    });
    const koreanUsd = () => constructed.mock.calls.filter(([locale, options]) => locale === "ko-KR" && options?.currency === "USD").length;
    try {
      expect(formatMoney(1350, "USD", "ko")).toBe("US$13.50");
      expect(koreanUsd()).toBe(1);
      expect(formatMoney(59000, "KRW", "ko")).toBe("₩59,000");
      expect(formatMoney(1350, "USD", "ko")).toBe("US$13.50");
      expect(koreanUsd()).toBe(1);
    } finally {
      constructed.mockRestore();
    }
    expect(Intl.NumberFormat).toBe(RealNumberFormat);
    expect(formatMoney(1350, "USD", "en")).toBe("$13.50");
    expect(formatMoney(0, "KRW", "en")).toBe("₩0");
  });

  it("converts minor units to provider decimals and back exactly", () => {
    expect(toDecimalString(1250, "USD")).toBe("12.50");
    expect(toDecimalString(5, "USD")).toBe("0.05");
    expect(toDecimalString(59000, "KRW")).toBe("59000");
    expect(parseDecimalAmount("12.50", "USD")).toBe(1250);
    expect(parseDecimalAmount("12.5", "USD")).toBe(1250);
    expect(parseDecimalAmount(12.5, "USD")).toBe(1250);
    expect(parseDecimalAmount("59000", "KRW")).toBe(59000);
  });

  it("refuses amounts that are not exact in the currency rather than rounding them", () => {
    expect(parseDecimalAmount("12.505", "USD")).toBeNull();
    expect(parseDecimalAmount("100.5", "KRW")).toBeNull();
    expect(parseDecimalAmount("-1.00", "USD")).toBeNull();
    expect(parseDecimalAmount("1e3", "USD")).toBeNull();
    expect(parseDecimalAmount("", "USD")).toBeNull();
  });
});
