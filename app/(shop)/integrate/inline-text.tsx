import { Fragment } from "react";

/**
 * Renders the guide's light markup: `code`, **bold** and *emphasis*. The guide's texts live in
 * lib/i18n/guide-messages.ts as plain strings so translators see one sentence, not JSX.
 */
const TOKEN = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/;

export function InlineText({ text }: { text: string }) {
  return (
    <>
      {text.split(TOKEN).map((part, index) => {
        // split() with one capture group puts the tokens at the odd indexes.
        if (index % 2 === 0) return <Fragment key={index}>{part}</Fragment>;
        if (part.startsWith("`")) {
          return (
            <code key={index} className="rounded bg-cream-100 px-1 py-0.5 font-mono text-[0.85em] text-roast-900">
              {part.slice(1, -1)}
            </code>
          );
        }
        if (part.startsWith("**")) return <strong key={index}>{part.slice(2, -2)}</strong>;
        return <em key={index}>{part.slice(1, -1)}</em>;
      })}
    </>
  );
}
