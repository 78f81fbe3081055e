import Link from "next/link";

export type SwitchOption = { key: string; label: string; description?: string; href: string; current: boolean };

/**
 * A row of real links (so the guide works without JavaScript and every choice has its own URL);
 * the chosen one is marked aria-current. scroll={false} keeps the reader's place when switching.
 */
export function GuideSwitch({ label, options }: { label: string; options: SwitchOption[] }) {
  return (
    <nav aria-label={label} className="min-w-0">
      <p aria-hidden="true" className="mb-1.5 text-xs font-semibold uppercase tracking-wider text-roast-600">
        {label}
      </p>
      <ul className="flex flex-wrap gap-1.5">
        {options.map((option) => (
          <li key={option.key}>
            <Link
              href={option.href}
              scroll={false}
              aria-current={option.current ? "page" : undefined}
              className={`block rounded-lg border px-3 py-1.5 text-sm transition focus-visible:ring-2 focus-visible:ring-celadon-700 focus-visible:ring-offset-2 ${
                option.current ? "border-roast-700 bg-roast-700 font-semibold text-cream-50" : "border-cream-200 bg-white text-roast-900 hover:border-roast-500"
              }`}
            >
              {option.label}
              {option.description && (
                <span aria-hidden="true" className={`ml-2 hidden text-xs md:inline ${option.current ? "text-cream-100" : "text-roast-600"}`}>{option.description}</span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
