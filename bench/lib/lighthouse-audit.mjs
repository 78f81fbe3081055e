import { importDefault, importNamespace } from "./dependencies.mjs";
import { chromiumExecutable } from "./browser.mjs";

/**
 * Lighthouse's default run (mobile form factor, simulated throttling) on each page, `runs` times,
 * interleaved page by page, in the Chromium the e2e tests use. Scores are the median per category.
 */
export async function lighthouseScores({ pages, runs, log, keepGoing = () => true }) {
  const lighthouse = await importDefault("lighthouse");
  const { launch } = await importNamespace("chrome-launcher");
  const chrome = await launch({
    chromePath: await chromiumExecutable(),
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    logLevel: "silent",
  });
  const perPage = new Map(pages.map((p) => [p.name, []]));
  let done = 0;
  let version = "";
  try {
    for (let run = 1; run <= runs && (run === 1 || keepGoing()); run++) {
      for (const page of pages) {
        const started = Date.now();
        const lhr = await auditOnce(lighthouse, chrome.port, page);
        version = lhr.lighthouseVersion;
        const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const failing = Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
          .map((a) => a.id);
        perPage.get(page.name).push({
          performance: score("performance"),
          accessibility: score("accessibility"),
          bestPractices: score("best-practices"),
          lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue,
          tbtMs: lhr.audits["total-blocking-time"]?.numericValue,
          cls: lhr.audits["cumulative-layout-shift"]?.numericValue,
          failing,
        });
        log?.(`    lighthouse ${page.name} run ${run}: perf ${score("performance")}, a11y ${score("accessibility")}, best practices ${score("best-practices")} (${((Date.now() - started) / 1000).toFixed(0)} s)${failing.length ? ` failing: ${failing.join(", ")}` : ""}`);
      }
      done = run;
    }
  } finally {
    await chrome.kill();
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const scores = pages.map((page) => {
    const list = perPage.get(page.name);
    return {
      name: page.name,
      runs: list,
      performance: median(list.map((r) => r.performance)),
      accessibility: median(list.map((r) => r.accessibility)),
      bestPractices: median(list.map((r) => r.bestPractices)),
      lcpMs: median(list.map((r) => r.lcpMs)),
      tbtMs: median(list.map((r) => r.tbtMs)),
      failing: [...new Set(list.flatMap((r) => r.failing))],
    };
  });
  return { scores, runs: done, version };
}

/** One Lighthouse run; a run whose trace failed (NO_NAVSTART and the like: "run Lighthouse again") is retried twice. */
async function auditOnce(lighthouse, port, page) {
  let lastError = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const result = await lighthouse(page.url, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices"],
      ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
    });
    if (!result?.lhr?.runtimeError) return result.lhr;
    lastError = `${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`;
  }
  throw new Error(`Lighthouse on ${page.url} failed three times: ${lastError}`);
}
