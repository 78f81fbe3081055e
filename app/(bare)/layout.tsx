import { I18nProvider } from "@/app/_components/i18n-provider";
import { getLocale } from "@/lib/i18n/server-locale";

/** Pages shown inside a payment popup or iframe: no shop chrome, so the shop never renders in a frame. */
export default async function BareLayout({ children }: { children: React.ReactNode }) {
  return (
    <I18nProvider locale={await getLocale()}>
      <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">{children}</main>
    </I18nProvider>
  );
}
