import { I18nProvider } from "@/app/_components/i18n-provider";
import { MESSAGES } from "@/lib/i18n/messages";
import { getLocale } from "@/lib/i18n/server-locale";

/** Pages shown inside a payment popup or iframe: no shop chrome, so the shop never renders in a frame. */
export default async function BareLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <I18nProvider locale={locale} messages={MESSAGES[locale]}>
      <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">{children}</main>
    </I18nProvider>
  );
}
