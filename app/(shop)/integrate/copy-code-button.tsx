"use client";

import { useEffect, useState, useSyncExternalStore } from "react";

type Props = {
  /** The id of the `<code>` element to copy: the text copied is exactly the text shown. */
  targetId: string;
  label: string;
  copyText: string;
  copiedText: string;
  failedText: string;
};

/** Copies one code excerpt to the clipboard; where the Clipboard API is refused, selects it for Ctrl+C instead. */
const noSubscription = () => () => {};

export function CopyCodeButton({ targetId, label, copyText, copiedText, failedText }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  // Disabled until React runs in the browser: without JavaScript the button could do nothing, and
  // a click before hydration would be lost without a word.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  useEffect(() => {
    if (state !== "copied") return;
    const timer = window.setTimeout(() => setState("idle"), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    const code = document.getElementById(targetId);
    if (!code) return;
    try {
      await navigator.clipboard.writeText(code.textContent ?? "");
      setState("copied");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): leave the text selected.
      window.getSelection()?.selectAllChildren(code);
      setState("failed");
    }
  }

  return (
    <span className="flex shrink-0 items-center gap-2">
      <span role="status" className={state === "failed" ? "text-xs text-red-800" : "sr-only"}>
        {state === "copied" ? copiedText : state === "failed" ? failedText : ""}
      </span>
      <button
        type="button"
        onClick={copy}
        disabled={!hydrated}
        aria-label={label}
        className="rounded-md border border-roast-600/40 bg-white px-2.5 py-1 text-xs font-semibold text-roast-700 transition hover:bg-cream-100 disabled:opacity-50 focus-visible:ring-2 focus-visible:ring-celadon-700 focus-visible:ring-offset-2"
      >
        <span aria-hidden="true">{state === "copied" ? "✓ " : ""}</span>
        {state === "copied" ? copiedText : copyText}
      </button>
    </span>
  );
}
