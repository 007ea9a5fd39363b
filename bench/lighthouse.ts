/**
 * Lighthouse (performance and accessibility, default mobile profile with simulated throttling)
 * on the given URLs, in Debian's Chromium. Run as a child of bench/run.ts; prints one JSON line:
 * [{ url, performance, accessibility, metrics }] or { error } saying precisely what failed.
 */
import { existsSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CHROMIUM = '/usr/bin/chromium';
const urls = process.argv.slice(2);

if (!existsSync(CHROMIUM)) {
  console.log(JSON.stringify({ error: `${CHROMIUM} is missing: apt-get update && apt-get install -y chromium` }));
  process.exit(0);
}

const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const out: unknown[] = [];
try {
  for (const url of urls) {
    const run = () =>
      lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
    // A trace that fails to record (NO_NAVSTART, NO_FCP) scores 0 with a runtimeError: try again, twice at most.
    let result = await run();
    for (let attempt = 1; attempt < 3 && result?.lhr.runtimeError; attempt++) result = await run();
    if (!result) throw new Error(`no result for ${url}`);
    const { lhr } = result;
    const audit = (id: string) => lhr.audits[id]?.numericValue;
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id && r.weight > 0))
      .map((a) => a.id);
    out.push({
      url,
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
      runtimeError: lhr.runtimeError?.message ?? null,
      metrics: {
        fcpMs: Math.round(audit('first-contentful-paint') ?? 0),
        lcpMs: Math.round(audit('largest-contentful-paint') ?? 0),
        tbtMs: Math.round(audit('total-blocking-time') ?? 0),
        cls: Math.round((audit('cumulative-layout-shift') ?? 0) * 1000) / 1000,
      },
      accessibilityFailures: failing,
    });
  }
  console.log(JSON.stringify(out));
} catch (error) {
  console.log(JSON.stringify({ error: (error as Error).message, partial: out }));
} finally {
  await chrome.kill();
}
