import type { Metadata, Viewport } from "next";
import { getLocale } from "@/lib/i18n/server-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Dalbit Coffee & Goods · payments demo", template: "%s · Dalbit" },
  description: "A demo storefront showing StepPay and Unifi Pay hosted payment pages by redirect, popup and iframe, verified on the server.",
  icons: { icon: "/brand/logo.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#5b3a29" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
