/**
 * The sandbox pages' English / 한국어 switch: plain links to `?lang=`, each named in its own
 * language, the current one marked. Used by the control panel and the Unifi Pay start page.
 */
export function LanguageSwitch({ label, current, href, activeClass }: { label: string; current: "en" | "ko"; href: (lang: "en" | "ko") => string; activeClass: string }) {
  return (
    <nav aria-label={label} className="flex gap-1 text-xs">
      {(["en", "ko"] as const).map((option) => (
        <a
          key={option}
          href={href(option)}
          lang={option}
          aria-current={current === option ? "true" : undefined}
          className={`rounded px-2 py-1 font-semibold ${current === option ? activeClass : "text-white underline-offset-2 hover:underline"}`}
        >
          {option === "en" ? "English" : "한국어"}
        </a>
      ))}
    </nav>
  );
}
