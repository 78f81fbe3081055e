"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The submit button of the (plain HTML) card form. Without JavaScript it is an ordinary submit
 * button; with it, it shows "Processing…" once pressed and ignores further presses until the
 * next page loads (the server also refuses to charge twice).
 */
export function PayButton({ label, caption, processingLabel }: { label: string; caption: string | null; processingLabel: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  const [processing, setProcessing] = useState(false);

  useEffect(() => {
    const button = ref.current;
    const form = button?.form;
    if (!button || !form) return;
    let submitted = false;
    const onSubmit = (event: SubmitEvent) => {
      if (event.submitter !== button) return; // "Cancel payment" submits the same form
      if (submitted) {
        event.preventDefault();
        return;
      }
      submitted = true;
      setProcessing(true);
    };
    // Back from the merchant's page, the browser may restore this page as it was: let it pay again.
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      submitted = false;
      setProcessing(false);
    };
    form.addEventListener("submit", onSubmit);
    window.addEventListener("pageshow", onPageShow);
    return () => {
      form.removeEventListener("submit", onSubmit);
      window.removeEventListener("pageshow", onPageShow);
    };
  }, []);

  return (
    <button
      ref={ref}
      type="submit"
      name="intent"
      value="pay"
      aria-disabled={processing || undefined}
      className="flex w-full flex-col items-center justify-center rounded-xl bg-indigo-600 px-4 py-3 text-base font-semibold text-white shadow-sm transition hover:bg-indigo-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 aria-disabled:cursor-wait aria-disabled:bg-indigo-400"
    >
      {processing ? (
        <span className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />
          {processingLabel}
        </span>
      ) : (
        <>
          <span>{label}</span>{" "}
          {caption ? <span className="text-xs font-medium text-indigo-100">{caption}</span> : null}
        </>
      )}
    </button>
  );
}
