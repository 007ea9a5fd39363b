/**
 * vitest globalSetup of the browser project: one headless chromium for the whole run, each test
 * file connecting to it (`launchBrowser()` in browser.ts) instead of launching its own. Every
 * test still opens fresh contexts (no shared cookies, cache or storage).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // Inherited by the test workers (forked after the global setup).
  process.env.PARE_TEST_CHROMIUM_WS = server.wsEndpoint();
  return () => server.close();
}
