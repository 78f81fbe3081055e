export const LOCALES = ["en", "ko"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "locale";

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "ko";
}

/** Picks ko or en from an Accept-Language header (q-values honoured), defaulting to en. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang, q } of ranked) {
    if (q > 0 && isLocale(lang)) return lang;
  }
  return "en";
}

/**
 * The locale a request asks for, from its own headers: the locale cookie, else Accept-Language.
 * What getLocale() answers, for a route handler that has the request (the polling route: without
 * next/headers' request-scoped machinery on every poll). Pages keep getLocale(), which also sees a
 * cookie a server action has just set.
 */
export function localeOfRequest(headers: Headers): Locale {
  const chosen = cookieValue(headers.get("cookie"), LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage(headers.get("accept-language"));
}

/** A cookie's value as next/headers' cookies() reads it: the last one of that name, percent-decoded. */
function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  let value: string | undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) value = part.slice(eq + 1).trim();
  }
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
