"use client";

import { createContext, useContext, useMemo } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { makeTranslator, type Messages, type Translate } from "@/lib/i18n/translate";

// The dictionary arrives as a prop from the server layout, in the shopper's language only: the
// catalogue of every language never ships in the JavaScript bundle.
const I18nContext = createContext<{ locale: Locale; t: Translate }>({ locale: "en", t: (key) => key });

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, t: makeTranslator(messages) }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  return useContext(I18nContext);
}
