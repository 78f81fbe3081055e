import type { Metadata } from "next";
import { guideTranslator } from "@/lib/i18n/guide-messages";
import { getLocale } from "@/lib/i18n/server-locale";
import { ASSUMPTIONS } from "@/lib/integration-guide/assumptions";
import { LIVE_VARIABLES } from "@/lib/integration-guide/environment";
import { loadExcerpt } from "@/lib/integration-guide/load-excerpt";
import { EXCERPTS, GUIDE_MODES, GUIDE_PROVIDERS, guideSelection, guideSteps } from "@/lib/integration-guide/manifest";
import { CodeExcerpt } from "./code-excerpt";
import { GuideSwitch } from "./guide-switch";
import { InlineText } from "./inline-text";

// Cut every excerpt once when the module loads: a marker that no longer matches the code throws
// here, failing the build (which loads this module while collecting page data) and the server,
// rather than a single combination quietly showing stale code.
for (const excerpt of Object.values(EXCERPTS)) loadExcerpt(excerpt);

// Rendered per request: the choice is in the query string and the language in a cookie; the
// excerpts themselves are cached per process by loadExcerpt.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ provider?: string | string[]; mode?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: guideTranslator(await getLocale())("guide.metaTitle") };
}

const hrefOf = (provider: string, mode: string) => `/integrate?provider=${provider}&mode=${mode}`;

export default async function IntegratePage({ searchParams }: Props) {
  const t = guideTranslator(await getLocale());
  const { provider, mode } = guideSelection(await searchParams);
  const steps = guideSteps(provider, mode).map((step) => ({ ...step, loaded: step.excerpts.map((excerpt) => loadExcerpt(excerpt)) }));

  return (
    <div className="space-y-12 break-keep">
      <header className="max-w-3xl space-y-3">
        <p className="text-sm font-semibold uppercase tracking-wider text-celadon-700">{t("guide.eyebrow")}</p>
        <h1 className="font-serif text-3xl font-semibold tracking-tight text-roast-700 sm:text-4xl">{t("guide.title")}</h1>
        <p className="text-roast-600">{t("guide.intro")}</p>
      </header>

      <div className="z-10 -mx-4 sm:sticky sm:top-0 flex flex-wrap gap-x-8 gap-y-3 border-y border-cream-200 bg-cream-50/95 px-4 py-3 backdrop-blur sm:-mx-6 sm:px-6">
        <GuideSwitch
          label={t("guide.pick.provider")}
          options={GUIDE_PROVIDERS.map((option) => ({
            key: option,
            label: t(`guide.provider.${option}`),
            description: t(`guide.providerDesc.${option}`),
            href: hrefOf(option, mode),
            current: option === provider,
          }))}
        />
        <GuideSwitch
          label={t("guide.pick.mode")}
          options={GUIDE_MODES.map((option) => ({ key: option, label: t(`guide.mode.${option}`), href: hrefOf(provider, option), current: option === mode }))}
        />
      </div>

      <section aria-labelledby="guide-steps-heading" className="space-y-6">
        <div className="max-w-3xl space-y-2">
          <h2 id="guide-steps-heading" className="scroll-mt-32 font-serif text-2xl font-semibold text-roast-700">
            {t("guide.steps.heading", { provider: t(`guide.provider.${provider}`), mode: t(`guide.mode.${mode}`) })}
          </h2>
          <p className="text-sm text-roast-600">{t("guide.steps.summary")}</p>
        </div>
        <ol className="space-y-12">
          {steps.map((step, index) => (
            <li key={step.id} className="grid gap-5 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)] lg:gap-8">
              <div className="space-y-3 lg:sticky lg:top-28 lg:self-start">
                <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-wider text-celadon-700">
                  <span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded-full bg-celadon-700 text-sm text-white">
                    {index + 1}
                  </span>
                  {t("guide.step.label", { number: index + 1 })}
                </p>
                <h3 id={`step-${step.id}`} className="scroll-mt-32 text-xl font-semibold text-roast-900">
                  {t(step.title)}
                </h3>
                {step.body.map((key) => (
                  <p key={key} className="text-sm leading-relaxed">
                    <InlineText text={t(key)} />
                  </p>
                ))}
              </div>
              <div className="min-w-0 space-y-4">
                {step.loaded.map((excerpt) => (
                  <CodeExcerpt key={excerpt.id} excerpt={excerpt} t={t} />
                ))}
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="guide-env-heading" className="space-y-4">
        <h2 id="guide-env-heading" className="scroll-mt-32 font-serif text-2xl font-semibold text-roast-700">
          {t("guide.env.heading")}
        </h2>
        <p className="max-w-3xl text-sm text-roast-600">
          <InlineText text={t("guide.env.intro")} />
        </p>
        <div className="overflow-x-auto rounded-2xl border border-cream-200 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="bg-cream-100 text-xs uppercase tracking-wider text-roast-600">
              <tr>
                <th scope="col" className="px-4 py-2.5">{t("guide.env.variable")}</th>
                <th scope="col" className="px-4 py-2.5">{t("guide.env.value")}</th>
                <th scope="col" className="px-4 py-2.5">{t("guide.env.meaning")}</th>
              </tr>
            </thead>
            {LIVE_VARIABLES.map((group) => (
              <tbody key={group.id} className="divide-y divide-cream-200 border-t border-cream-200">
                <tr>
                  <th scope="colgroup" colSpan={3} className="bg-cream-50 px-4 py-2 font-semibold text-roast-700">
                    {t(group.heading)}
                  </th>
                </tr>
                {group.variables.map((variable) => (
                  <tr key={variable.name} className="align-top">
                    <th scope="row" className="px-4 py-2.5 font-normal">
                      <code className="font-mono text-[0.85em] font-semibold text-roast-900">{variable.name}</code>
                    </th>
                    <td className="px-4 py-2.5">
                      <InlineText text={t(variable.value)} />
                    </td>
                    <td className="px-4 py-2.5 text-roast-600">
                      <InlineText text={t(variable.meaning)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
        <p className="text-xs text-roast-600">
          <InlineText text={t("guide.env.sandboxNote")} />
        </p>
      </section>

      <section aria-labelledby="guide-assumptions-heading" className="space-y-4">
        <h2 id="guide-assumptions-heading" className="scroll-mt-32 font-serif text-2xl font-semibold text-roast-700">
          {t("guide.assume.heading")}
        </h2>
        <p className="max-w-3xl text-sm text-roast-600">{t("guide.assume.intro")}</p>
        <div className="grid gap-5 lg:grid-cols-3">
          {ASSUMPTIONS.map((group) => (
            <section key={group.id} aria-labelledby={`assume-${group.id}`} className="space-y-3 rounded-2xl border border-cream-200 bg-white p-5">
              <h3 id={`assume-${group.id}`} className="font-semibold text-roast-700">
                {t(group.heading)}
              </h3>
              <ul className="list-disc space-y-2 pl-5 text-sm leading-relaxed marker:text-brass-500">
                {group.items.map((key) => (
                  <li key={key}>
                    <InlineText text={t(key)} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </section>
    </div>
  );
}
