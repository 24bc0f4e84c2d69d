import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { useOnce } from './lifecycle.ts';

/**
 * A real Chromium for the browser tests: Debian's package (`apt-get install -y chromium`), driven
 * by playwright-core. Never a downloaded browser. Screenshots go to test-results/.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');

export interface BrowserHandle {
  readonly browser: Browser;
  /** A fresh context (own storage, own cookies) and page; closed with the browser. */
  newPage(): Promise<{ readonly context: BrowserContext; readonly page: Page }>;
}

export async function startBrowser(): Promise<BrowserHandle> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI containers: Chromium's sandbox needs user namespaces it may not have there.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  return {
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      return { context, page: await context.newPage() };
    },
  };
}

/** A browser for the whole test file. */
export function useBrowser(): BrowserHandle {
  return useOnce(startBrowser, async (handle) => handle.browser.close());
}

/** Saves a full-page screenshot as test-results/<name>.png and answers its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
