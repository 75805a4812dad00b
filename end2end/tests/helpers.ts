import { expect, type Page } from '@playwright/test';

/** Collects browser errors (failed hydration, CSP violations, panics). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  // Each message names the page it came from, so a failure says where.
  page.on('pageerror', (err) => errors.push(`pageerror at ${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console at ${msg.location().url || page.url()}: ${msg.text()}`);
  });
  return errors;
}

/**
 * Waits until the wasm app has hydrated the server-rendered page. The
 * bundle is compiled by the browser on first use, which on a loaded
 * 2-core CI machine can take several seconds, hence the generous wait.
 * If it never hydrates, the failure says why: the console, page errors
 * and how the script and wasm downloads went.
 */
export async function waitForHydration(page: Page) {
  try {
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1, { timeout: 25_000 });
  } catch (error) {
    const resources = await page
      .evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((r) => r.name.includes('/pkg/'))
          .map((r) => {
            const t = r as PerformanceResourceTiming;
            return `${t.name} status=${t.responseStatus} start=${Math.round(t.startTime)}ms took=${Math.round(t.duration)}ms`;
          }),
      )
      .catch((e) => [`(could not read resource timings: ${e})`]);
    const console = (await page.consoleMessages()).map((m) => `${m.type()}: ${m.text()}`);
    const pageErrors = (await page.pageErrors()).map((e) => e.message);
    throw new Error(
      [
        `the page at ${page.url()} did not hydrate: ${error}`,
        `downloads:\n  ${resources.join('\n  ') || '(none)'}`,
        `console:\n  ${console.join('\n  ') || '(empty)'}`,
        `page errors:\n  ${pageErrors.join('\n  ') || '(none)'}`,
      ].join('\n'),
    );
  }
}
