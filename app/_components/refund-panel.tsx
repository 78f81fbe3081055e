"use client";

import { useState } from "react";
import { useSWRConfig } from "swr";
import { useI18n } from "./i18n-provider";
import { useToast } from "./toaster";
import { useHydrated } from "./use-hydrated";

/** A merchant action shown on the order page for the demo: a full or partial StepPay refund. */
export function RefundPanel({ orderId, refundable }: { orderId: string; refundable: number }) {
  const { t } = useI18n();
  const { mutate } = useSWRConfig();
  const [amount, setAmount] = useState(String(refundable));
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/orders/${orderId}/refund`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ amount: Number(amount) }),
      });
      const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      const code = body?.error?.code;
      if (code === "refund_unknown" || code === "refund_found") {
        // Not "did not go through": it may have (unknown), or an earlier one did (found). A toast,
        // as this panel starts afresh when the order's refunded total changes.
        toast(t(code === "refund_unknown" ? "refund.unknown" : "refund.found"));
      } else if (!response.ok) {
        const message = t("refund.error", { message: body?.error?.message ?? `HTTP ${response.status}` });
        // A refused amount stays by its field; the store or StepPay failing is a toast.
        if (response.status >= 500) toast(message);
        else setError(message);
      }
      await mutate(`/api/orders/${orderId}`);
    } catch {
      toast(t("checkout.networkError"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded-2xl border border-cream-200 bg-white p-5">
      <h2 className="font-semibold">{t("refund.title")}</h2>
      <p className="text-xs text-roast-600">{t("refund.hint")}</p>
      <div className="flex items-end gap-3">
        <label className="flex-1 text-sm">
          <span className="mb-1 block font-medium">{t("refund.amount")}</span>
          <input type="number" min={1} max={refundable} step={1} required value={amount} onChange={(e) => setAmount(e.target.value)} className="w-full rounded-lg border border-cream-200 px-3 py-2" />
        </label>
        <button type="submit" disabled={busy || !hydrated} className="rounded-lg border border-roast-600 px-4 py-2 font-semibold hover:bg-cream-100 disabled:opacity-60">
          {busy ? t("refund.working") : t("refund.submit")}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  );
}
