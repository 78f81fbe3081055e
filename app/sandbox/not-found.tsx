import type { Metadata } from "next";

export const metadata: Metadata = { title: "Not found · Payment sandbox" };

/**
 * notFound() in the sandbox (an unknown Unifi Pay transaction, a receipt nobody issued): the
 * provider's side, so nothing of the store's brand. Like the expired checkout link it cannot know
 * the shopper's language, so it speaks both.
 */
export default function SandboxNotFound() {
  return (
    <main lang="en" className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6 text-slate-900">
      <section className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
        <h1 className="text-lg font-semibold">
          Not found in the payment sandbox
          <span lang="ko" className="mt-1 block text-base font-medium text-slate-700">
            결제 샌드박스에 없는 주소입니다
          </span>
        </h1>
        <p className="mt-3 text-sm text-slate-700">The link may have expired, or it names a payment this sandbox never created.</p>
        <p lang="ko" className="mt-1 text-sm text-slate-700">
          링크가 만료되었거나, 이 샌드박스가 만든 적 없는 결제를 가리킵니다.
        </p>
        <p className="mt-4 text-sm">
          <a href="/sandbox" className="font-semibold text-indigo-700 underline underline-offset-2">
            Sandbox panel · 샌드박스 패널
          </a>
        </p>
      </section>
    </main>
  );
}
