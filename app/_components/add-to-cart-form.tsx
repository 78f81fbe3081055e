"use client";

import { useActionState } from "react";
import { addToCart, type CartActionState } from "@/app/(shop)/cart/actions";
import { MAX_QUANTITY } from "@/lib/orders/cart-limits";
import { useI18n } from "./i18n-provider";
import { useToast } from "./toaster";

export function AddToCartForm({ productId, initialCount }: { productId: string; initialCount: number }) {
  const { t } = useI18n();
  const toast = useToast();
  const [state, action, pending] = useActionState<CartActionState, FormData>(
    async (previous, form) => {
      try {
        return await addToCart(previous, form);
      } catch {
        // The action never reached the store (or the store failed): nothing was added.
        toast(t("checkout.networkError"));
        return { ...previous, ok: false, message: null };
      }
    },
    { ok: false, message: null, count: initialCount },
  );
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="productId" value={productId} />
      <div className="flex items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("product.quantity")}</span>
          <select name="quantity" defaultValue="1" className="rounded-lg border border-cream-200 bg-white px-3 py-2.5">
            {Array.from({ length: MAX_QUANTITY }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={pending}
          className="flex-1 rounded-lg bg-roast-700 px-5 py-3 font-semibold text-cream-50 shadow-sm transition hover:bg-roast-600 disabled:opacity-70"
        >
          {pending ? t("product.adding") : t("product.addToCart")}
        </button>
      </div>
      <p role="status" aria-live="polite" className="min-h-6 text-sm">
        {state.ok && (
          <>
            <span className="text-celadon-700">✓ {t("product.added")}</span>{" "}
            <a href="/cart" className="font-medium underline underline-offset-2">
              {t("product.viewCart")} ({state.count})
            </a>
          </>
        )}
        {!state.ok && state.message && <span className="text-red-700">{state.message}</span>}
      </p>
    </form>
  );
}
