"use client";

import { useEffect, useState } from "react";

type Decision = "approve" | "decline" | "cancel";

type Labels = Record<Decision, string> & { processing: string };

/**
 * The three choices as one plain form post: it works without JavaScript. With JavaScript the
 * clicked button says "Processing…" and further clicks are ignored. The buttons are never
 * `disabled` (a disabled submitter would drop its value from the post); aria-disabled says it.
 */
export function DecisionForm({ action, labels }: { action: string; labels: Labels }) {
  const [processing, setProcessing] = useState<Decision | null>(null);

  // Coming back through the back/forward cache must not leave the page stuck on "Processing…".
  useEffect(() => {
    const reset = (event: PageTransitionEvent) => {
      if (event.persisted) setProcessing(null);
    };
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);

  return (
    <form
      method="post"
      action={action}
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        if (processing) {
          event.preventDefault();
          return;
        }
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const value = submitter instanceof HTMLButtonElement ? submitter.value : "";
        setProcessing(value === "decline" || value === "cancel" ? value : "approve");
      }}
      aria-busy={processing !== null}
    >
      <button
        type="submit"
        name="decision"
        value="approve"
        aria-disabled={processing !== null}
        className="h-12 rounded-xl bg-[#047a35] text-base font-semibold text-white shadow-sm transition hover:bg-[#03652c] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[#06C755] aria-disabled:cursor-wait aria-disabled:opacity-70"
      >
        {processing === "approve" ? labels.processing : labels.approve}
      </button>
      <button
        type="submit"
        name="decision"
        value="decline"
        aria-disabled={processing !== null}
        className="h-12 rounded-xl border border-red-200 bg-white text-base font-semibold text-red-600 transition hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-500 aria-disabled:cursor-wait aria-disabled:opacity-70"
      >
        {processing === "decline" ? labels.processing : labels.decline}
      </button>
      <button
        type="submit"
        name="decision"
        value="cancel"
        aria-disabled={processing !== null}
        className="h-10 rounded-xl text-sm font-medium text-slate-500 underline-offset-4 transition hover:text-slate-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-400 aria-disabled:cursor-wait aria-disabled:opacity-70"
      >
        {processing === "cancel" ? labels.processing : labels.cancel}
      </button>
    </form>
  );
}
