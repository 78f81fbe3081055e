import { HostedPageFrame } from "../../brand-header";

/**
 * An expired or unknown checkout session (404). The page cannot know the shopper's language or
 * store here, so it speaks both and sends them back the way they came.
 */
export default function CheckoutLinkExpired() {
  return (
    <HostedPageFrame lang="ko">
      <section className="px-5 py-8">
        <div role="status" className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
          <h1 className="text-lg font-semibold text-slate-900">
            결제 링크가 만료되었습니다
            <span lang="en" className="mt-1 block text-base font-medium text-slate-700">
              This payment link has expired
            </span>
          </h1>
          <p className="mt-3 text-sm text-slate-700">상점으로 돌아가 결제를 다시 시작해 주세요. 결제는 진행되지 않았습니다.</p>
          <p lang="en" className="mt-1 text-sm text-slate-700">
            Return to the store and start the payment again. Nothing was charged.
          </p>
        </div>
      </section>
    </HostedPageFrame>
  );
}
