"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { clearCart } from "@/app/(shop)/cart/actions";
import { COUNTRIES } from "@/lib/countries";
import type { ProviderId } from "@/lib/orders/checkout-input";
import { useI18n } from "./i18n-provider";
import { useToast } from "./toaster";
import { useHydrated } from "./use-hydrated";

type Props = {
  items: { productId: string; quantity: number }[];
  /**
   * The total each provider would charge, formatted by the server: the first Intl.NumberFormat in
   * a page costs the browser 20–50 ms of ICU set-up, on the main thread, during hydration.
   */
  totalLabels: Record<ProviderId, string>;
  providers: ProviderId[];
  hasSubscription: boolean;
};

/** Sends ids and quantities only; the server prices the order and answers with its id. */
export function CheckoutForm({ items, totalLabels, providers, hasSubscription }: Props) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [provider, setProvider] = useState<ProviderId>(providers[0] ?? "steppay");
  const [submitting, setSubmitting] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSubmitting(true);
    setError(null);
    const payload = JSON.stringify({
      provider,
      customer: { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") },
      ...(provider === "unifipay" ? { countryCode: String(form.get("countryCode") ?? "") } : {}),
      locale,
      items,
    });
    // One Idempotency-Key per order placed: sent again with the same details (the answer was lost,
    // the shopper pressed again, or reloaded the page and its cart), the store answers with the
    // order already made, not a second one.
    const fingerprint = orderFingerprint(provider, form, items);
    const key = checkoutKeys.keyFor(fingerprint);
    try {
      const response = await fetch("/api/orders", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: payload,
      });
      const body = (await response.json().catch(() => null)) as { url?: string; error?: { message?: string } } | null;
      if (!response.ok || !body?.url) {
        const message = t("checkout.error", { message: body?.error?.message ?? `HTTP ${response.status}` });
        // What the shopper can fix (a refused field) stays by the form; the store failing is a toast.
        if (response.status >= 500) toast(message);
        else setError(message);
        setSubmitting(false);
        return;
      }
      checkoutKeys.forget(fingerprint); // placed: the same details again later are another order
      // The order exists now, and its answer cleared the cart cookie: this refreshes the header's
      // count. Its failure must not keep the shopper from the order (nor invite a second one).
      await clearCart().catch(() => undefined);
      router.push(body.url);
    } catch {
      toast(t("checkout.networkError"));
      setSubmitting(false);
    }
  }

  const total = totalLabels[provider];

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate={false}>
      <fieldset className="space-y-4 rounded-2xl border border-cream-200 bg-white p-5">
        <legend className="px-1 font-semibold">{t("checkout.contact")}</legend>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{t("checkout.name")}</span>
          <input name="name" required maxLength={100} autoComplete="name" className="w-full rounded-lg border border-cream-200 px-3 py-2.5" />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">{t("checkout.email")}</span>
          <input name="email" type="email" required maxLength={254} autoComplete="email" className="w-full rounded-lg border border-cream-200 px-3 py-2.5" />
        </label>
      </fieldset>

      <fieldset className="space-y-3 rounded-2xl border border-cream-200 bg-white p-5">
        <legend className="px-1 font-semibold">{t("checkout.provider")}</legend>
        {providers.map((id) => {
          const disabled = id === "unifipay" && hasSubscription;
          return (
            <label key={id} className={`flex cursor-pointer items-start gap-3 rounded-xl border p-3 ${provider === id ? "border-roast-600 bg-cream-50" : "border-cream-200"} ${disabled ? "cursor-not-allowed opacity-60" : ""}`}>
              <input type="radio" name="provider" value={id} checked={provider === id} disabled={disabled} onChange={() => setProvider(id)} className="mt-1" />
              <span>
                <span className="block font-semibold">{t(`checkout.${id}`)}</span>
                <span className="block text-sm text-roast-600">{disabled ? t("checkout.unifipayNoSubscriptions") : t(`checkout.${id}Desc`)}</span>
              </span>
            </label>
          );
        })}
        {provider === "unifipay" && (
          <label className="block text-sm">
            <span className="mb-1 block font-medium">{t("checkout.country")}</span>
            <select name="countryCode" defaultValue="KOR" className="w-full rounded-lg border border-cream-200 bg-white px-3 py-2.5">
              {COUNTRIES.map((country) => (
                <option key={country.code} value={country.code}>
                  {country[locale]} ({country.code})
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>

      {error && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          {error}
        </p>
      )}
      <button type="submit" disabled={submitting || !hydrated} className="w-full rounded-lg bg-roast-700 px-5 py-3.5 text-lg font-semibold text-cream-50 shadow-sm hover:bg-roast-600 disabled:opacity-70">
        {submitting ? t("checkout.placing") : `${t("checkout.placeOrder")} · ${total}`}
      </button>
    </form>
  );
}

/**
 * What the store compares when a key comes again (lib/orders/create-order.ts): the provider, the
 * buyer as it normalises them, the country, the products and quantities; not the page's language.
 */
function orderFingerprint(provider: ProviderId, form: FormData, items: { productId: string; quantity: number }[]): string {
  const quantities = new Map<string, number>();
  for (const item of items) quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  return JSON.stringify([
    provider,
    String(form.get("name") ?? "").trim(),
    String(form.get("email") ?? "").trim().toLowerCase(),
    provider === "unifipay" ? String(form.get("countryCode") ?? "").trim().toUpperCase() : null,
    [...quantities].sort(([a], [b]) => a.localeCompare(b)),
  ]);
}

/**
 * The keys of orders not yet known to be placed, by fingerprint, kept for this tab in
 * sessionStorage (so a reload keeps them), or in memory where storage is refused.
 */
const checkoutKeys = (() => {
  const STORAGE_KEY = "dalbit.checkout-keys";
  let memory: Record<string, string> = {};
  const read = (): Record<string, string> => {
    try {
      return { ...(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "{}") as Record<string, string>) };
    } catch {
      return { ...memory };
    }
  };
  const write = (keys: Record<string, string>) => {
    memory = keys;
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
    } catch {
      /* storage refused: memory only */
    }
  };
  return {
    keyFor(fingerprint: string): string {
      const keys = read();
      const key = keys[fingerprint] ?? newIdempotencyKey();
      // The latest 20 are plenty: each is one set of details tried in this tab.
      write(Object.fromEntries([...Object.entries(keys).filter(([f]) => f !== fingerprint), [fingerprint, key]].slice(-20)));
      return key;
    },
    forget(fingerprint: string): void {
      const keys = read();
      delete keys[fingerprint];
      write(keys);
    },
  };
})();

/** 128 random bits as hex: crypto.randomUUID exists only in secure contexts (not on a LAN address over http). */
function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
