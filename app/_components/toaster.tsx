"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { useI18n } from "./i18n-provider";

/**
 * The shop's toasts: short messages for async actions that failed (the network, the store's
 * server, a payment provider), shown over the page's corner so nothing moves under the shopper.
 *
 * - One live region, present from the first render, announces each toast as it is added; the
 *   shopper's focus stays where it was.
 * - A toast leaves after a few seconds, but not while the pointer or the keyboard focus is on it.
 * - Keyboard: Alt+T moves focus to the newest toast's Dismiss button (the region is also the last
 *   stop in the tab order); Escape inside a toast dismisses it, and focus goes back where it was.
 *
 * Field-level validation stays next to its field; this is for failures the shopper can only retry.
 */
const VISIBLE_MS = 6_000;
const MAX_SHOWN = 3;
const HOTKEY = { altKey: true, code: "KeyT" } as const;

type Toast = { id: number; message: string };

const ToastContext = createContext<(message: string) => void>(() => {});

/** Raises a toast: `const toast = useToast(); toast(t("checkout.networkError"))`. */
export function useToast(): (message: string) => void {
  return useContext(ToastContext);
}

export function Toaster({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const regionRef = useRef<HTMLElement>(null);
  // Where the keyboard was before Alt+T (or before focus entered a toast), to go back to.
  const returnFocus = useRef<HTMLElement | null>(null);

  const toast = useCallback((message: string) => {
    setToasts((shown) => {
      // The same failure twice is one toast, shown afresh (its timer starts again).
      const others = shown.filter((existing) => existing.message !== message);
      return [...others, { id: nextId.current++, message }].slice(-MAX_SHOWN);
    });
  }, []);

  const dismiss = useCallback((id: number) => {
    const region = regionRef.current;
    const hadFocus = region?.contains(document.activeElement) ?? false;
    setToasts((shown) => shown.filter((existing) => existing.id !== id));
    if (hadFocus) {
      const target = returnFocus.current;
      returnFocus.current = null;
      if (target?.isConnected) target.focus();
    }
  }, []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey !== HOTKEY.altKey || event.code !== HOTKEY.code) return;
      const buttons = regionRef.current?.querySelectorAll<HTMLButtonElement>("button[data-dismiss]");
      const newest = buttons?.[buttons.length - 1];
      if (!newest) return;
      event.preventDefault();
      newest.focus();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <ToastContext.Provider value={toast}>
      {children}
      <section
        ref={regionRef}
        aria-label={t("toast.region")}
        onFocus={(event) => {
          const from = event.relatedTarget;
          if (from instanceof HTMLElement && !event.currentTarget.contains(from)) returnFocus.current = from;
        }}
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex justify-center p-4 sm:justify-end"
      >
        <ol aria-live="assertive" aria-relevant="additions text" className="flex w-full max-w-md flex-col gap-2">
          {toasts.map((item) => (
            <ToastItem key={item.id} toast={item} dismissLabel={t("toast.dismiss")} onDismiss={dismiss} />
          ))}
        </ol>
      </section>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, dismissLabel, onDismiss }: { toast: Toast; dismissLabel: string; onDismiss: (id: number) => void }) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);

  useEffect(() => {
    if (hovered || focused) return;
    const timer = window.setTimeout(() => onDismiss(toast.id), VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [hovered, focused, toast.id, onDismiss]);

  return (
    <li
      className="pointer-events-auto flex items-start gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 shadow-lg"
      data-testid="toast"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
      }}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        onDismiss(toast.id);
      }}
    >
      <p className="flex-1">{toast.message}</p>
      <button
        type="button"
        data-dismiss
        onClick={() => onDismiss(toast.id)}
        className="shrink-0 rounded-md px-2 py-0.5 font-semibold ring-1 ring-red-300 hover:bg-red-100"
      >
        {dismissLabel}
      </button>
    </li>
  );
}
