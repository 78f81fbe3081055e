import type { Metadata } from "next";
import { headers } from "next/headers";
import { NotFoundMessage } from "@/app/_components/not-found-message";
import { StaticImage } from "@/app/_components/static-image";
import { config } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server-locale";

export const metadata: Metadata = { title: "Not found" };

/**
 * A URL no route matches (and notFound() outside the shop's layout): the shop's message with the
 * brand above it. On the sandbox's origin (an unknown /sandbox/… path) the provider's side shows
 * nothing of the store's brand.
 */
export default async function NotFound() {
  if (await onSandboxOrigin()) {
    return (
      <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6 text-slate-900">
        <h1 className="text-lg font-semibold">Not found in the payment sandbox</h1>
        <p className="mt-3 text-sm">
          <a href="/sandbox" className="font-semibold text-indigo-700 underline underline-offset-2">
            Sandbox panel
          </a>
        </p>
      </main>
    );
  }
  const { t } = await getTranslator();
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 p-6">
      <a href="/" className="mx-auto flex items-center gap-2 rounded-md">
        <StaticImage src="/brand/logo.svg" alt="" width={36} height={36} />
        <span className="font-serif text-lg font-semibold tracking-tight text-roast-700">{t("brand.name")}</span>
      </a>
      <NotFoundMessage />
    </main>
  );
}

async function onSandboxOrigin(): Promise<boolean> {
  const { appOrigin, sandboxOrigin } = config();
  const sandboxHost = new URL(sandboxOrigin).host;
  return sandboxHost !== new URL(appOrigin).host && (await headers()).get("host") === sandboxHost;
}
