"use client";

import { useEffect, useRef, useState } from "react";

/** How long a problem stays up when nobody is pointing at it or focused inside it. */
const VISIBLE_MS = 6_000;

/**
 * The panel's toast: a refused or failed control action (the `problem` a control endpoint sent
 * back), shown over the page's corner rather than pushing the panel down. It leaves by itself after
 * a few seconds, but not while the pointer or the keyboard focus is on it, and it can be dismissed.
 * The panel comes back from a form post scrolled to the form (an #anchor), past this in the tab
 * order: Alt+T takes the keyboard to its Dismiss button, and Escape dismisses it from anywhere.
 * Rendered on the server too, so the message shows without JavaScript. The store has its own
 * toaster (app/_components/toaster.tsx); the sandbox wing keeps to its own code.
 */
export function PanelProblem({ message, labels }: { message: string; labels: { region: string; dismiss: string } }) {
  const [open, setOpen] = useState(true);
  const [held, setHeld] = useState(false);
  const dismissRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open || held) return;
    const timer = window.setTimeout(() => setOpen(false), VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [open, held]);

  useEffect(() => {
    if (!open) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") setOpen(false);
      else if (event.altKey && event.code === "KeyT") {
        event.preventDefault();
        dismissRef.current?.focus();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [open]);

  if (!open) return null;
  return (
    <section
      aria-label={labels.region}
      className="fixed right-4 bottom-4 z-50 w-[min(26rem,calc(100vw-2rem))]"
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setHeld(false);
      }}
    >
      <div role="alert" className="flex items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 shadow-lg">
        <p className="flex-1">{message}</p>
        <button
          ref={dismissRef}
          type="button"
          onClick={() => setOpen(false)}
          className="shrink-0 rounded-md px-2 py-0.5 font-semibold ring-1 ring-red-300 hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
        >
          {labels.dismiss}
        </button>
      </div>
    </section>
  );
}
