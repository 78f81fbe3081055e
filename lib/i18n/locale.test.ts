import { describe, expect, it } from "vitest";
import { localeOfRequest } from "./locale";

const headers = (init: Record<string, string>) => new Headers(init);

describe("localeOfRequest", () => {
  it("takes the shopper's locale cookie over the browser's Accept-Language", () => {
    expect(localeOfRequest(headers({ cookie: "cart=%5B%5D; locale=ko; theme=x", "accept-language": "en-US,en;q=0.9" }))).toBe("ko");
    expect(localeOfRequest(headers({ cookie: "locale=en", "accept-language": "ko-KR" }))).toBe("en");
  });

  it("reads the cookie as the pages' getLocale() does: the last of two, percent-decoded", () => {
    expect(localeOfRequest(headers({ cookie: "locale=en; other=1; locale=ko" }))).toBe("ko");
    expect(localeOfRequest(headers({ cookie: "locale=%6Bo", "accept-language": "en" }))).toBe("ko");
  });

  it("falls back to Accept-Language (q-values honoured) when the cookie is missing or not a locale", () => {
    expect(localeOfRequest(headers({ "accept-language": "fr;q=1, ko;q=0.8, en;q=0.5" }))).toBe("ko");
    expect(localeOfRequest(headers({ cookie: "locale=de; mylocale=ko", "accept-language": "ko" }))).toBe("ko");
    expect(localeOfRequest(headers({ cookie: "xlocale=ko" }))).toBe("en");
    expect(localeOfRequest(headers({}))).toBe("en");
  });
});
