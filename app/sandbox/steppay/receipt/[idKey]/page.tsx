import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { isSandboxEnabled } from "@/lib/sandbox/shared/config";
import { loadReceiptBundle } from "@/lib/sandbox/steppay/orders";
import { orderProductName } from "@/lib/sandbox/steppay/dto";
import { formatKrw } from "@/lib/sandbox/steppay/checkout-copy";
import { toStepPayTimestamp } from "@/lib/sandbox/steppay/timestamps";
import { HostedPageFrame, STEPPAY_ICON, STEPPAY_THEME_COLOR } from "../../brand-header";

/**
 * The card receipt a paid order's `payment.paymentReceiptUrl` points at (a page for people; the
 * API's receipt lookup is GET /api/payment/receipt/{idKey}). The idKey is the capability.
 */
export const metadata: Metadata = {
  title: { absolute: "StepPay · Receipt (sandbox)" },
  icons: { icon: STEPPAY_ICON },
  robots: { index: false, follow: false },
};
export const viewport: Viewport = { themeColor: STEPPAY_THEME_COLOR };

export default async function StepPayReceiptPage({ params }: { params: Promise<{ idKey: string }> }) {
  await connection();
  if (!isSandboxEnabled("steppay")) notFound();
  const { idKey } = await params;
  const bundle = await loadReceiptBundle(idKey);
  const paidAt = bundle?.order.paymentDate;
  const payment = bundle?.payment;
  if (!bundle || !paidAt || !payment) notFound();
  const { order } = bundle;
  const rows: [string, string][] = [
    ["Order", order.code],
    ["Items", orderProductName(bundle.items)],
    ["Paid at (KST)", toStepPayTimestamp(paidAt).replace("T", " ").slice(0, 19)],
    ["Card", payment.cardNumberMasked],
    ["Gateway", payment.paymentGateway],
    ["Amount", formatKrw(order.paidAmount, "en")],
  ];
  if (order.returnedAmount > 0) rows.push(["Refunded", formatKrw(order.returnedAmount, "en")]);

  return (
    <HostedPageFrame lang="en">
      <section className="px-5 py-6">
        <h1 className="text-lg font-semibold">Card receipt</h1>
        <p className="text-sm text-slate-600">Customer: {bundle.customer.name}</p>
        <dl className="mt-4 divide-y divide-slate-200 text-sm">
          {rows.map(([term, value]) => (
            <div key={term} className="flex justify-between gap-4 py-2">
              <dt className="text-slate-600">{term}</dt>
              <dd className="text-right font-medium">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
    </HostedPageFrame>
  );
}
