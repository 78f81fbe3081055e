import type { GuideTranslate } from "@/lib/i18n/guide-messages";
import type { Excerpt } from "@/lib/integration-guide/load-excerpt";
import { CopyCodeButton } from "./copy-code-button";

/** Which part of the house a file belongs to, from where it lives (see README "Layout"). */
function whereLabel(path: string, t: GuideTranslate): string {
  if (path.startsWith("app/api/")) return t("guide.code.where.route");
  if (path.startsWith("lib/providers/")) return t("guide.code.where.provider");
  if (path.startsWith("app/_components/")) return t("guide.code.where.browser");
  return t("guide.code.where.server");
}

/**
 * One excerpt: its file and lines as the caption, the code exactly as cut from the file, and a
 * Copy button. The data attributes let the e2e spec compare the block with the file on disk.
 */
export function CodeExcerpt({ excerpt, t }: { excerpt: Excerpt; t: GuideTranslate }) {
  const codeId = `code-${excerpt.id}`;
  const lines = { start: excerpt.startLine, end: excerpt.endLine };
  return (
    <figure
      className="overflow-hidden rounded-xl border border-cream-200 bg-white shadow-sm"
      data-excerpt={excerpt.id}
      data-path={excerpt.path}
      data-start-line={excerpt.startLine}
      data-end-line={excerpt.endLine}
    >
      <figcaption className="flex flex-wrap items-center justify-between gap-2 border-b border-cream-200 bg-cream-100 px-3 py-2 text-xs">
        <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
          <span className="rounded-full bg-white px-2 py-0.5 font-semibold text-celadon-700">{whereLabel(excerpt.path, t)}</span>
          <code className="break-all font-mono text-roast-900">{excerpt.path}</code>
          <span className="text-roast-600">{t("guide.code.lines", lines)}</span>
        </span>
        <CopyCodeButton
          targetId={codeId}
          label={t("guide.copyLabel", { path: excerpt.path, ...lines })}
          copyText={t("guide.copy")}
          copiedText={t("guide.copied")}
          failedText={t("guide.copyFailed")}
        />
      </figcaption>
      <pre className="max-h-[32rem] overflow-auto bg-roast-900 p-4 text-[13px] leading-relaxed text-cream-50" tabIndex={0}>
        <code id={codeId} className="font-mono">
          {excerpt.code}
        </code>
      </pre>
    </figure>
  );
}
