"use client";

export type TestCardButton = { number: string; name: string; caption: string | null; tone: "approved" | "declined" | "error" };

const TONE = {
  approved: "bg-emerald-500",
  declined: "bg-rose-500",
  error: "bg-amber-500",
} as const;

/**
 * Fills the card form with a sandbox test card. Without JavaScript the buttons do nothing, and the
 * numbers shown beside them can be typed in instead.
 */
export function TestCardButtons({ formId, cards }: { formId: string; cards: TestCardButton[] }) {
  function applyCard(number: string) {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const fill = (name: string, value: string, onlyIfEmpty: boolean) => {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLInputElement && (!onlyIfEmpty || input.value.trim() === "")) input.value = value;
    };
    const year = (new Date().getFullYear() + 3) % 100;
    fill("cardNumber", number, false);
    // Whatever else is still empty gets valid test values, so one click is enough to try a card.
    fill("expiry", `12/${String(year).padStart(2, "0")}`, true);
    fill("cvc", "123", true);
    fill("cardHolder", "Test Cardholder", true);
    const cardInput = form.elements.namedItem("cardNumber");
    if (cardInput instanceof HTMLInputElement) cardInput.focus();
  }

  return (
    <ul className="space-y-2">
      {cards.map((card) => (
        <li key={card.number} className="flex flex-wrap items-center justify-between gap-2">
          <button
            type="button"
            onClick={() => applyCard(card.number)}
            className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            <span aria-hidden="true" className={`h-2 w-2 rounded-full ${TONE[card.tone]}`} />
            {card.name}
            {card.caption ? <span className="text-xs text-slate-500"> {card.caption}</span> : null}
          </button>
          <code className="font-mono text-xs text-slate-600">{card.number}</code>
        </li>
      ))}
    </ul>
  );
}
