import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

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
 * Waits until the page's islands are awake (islands mode: only the
 * `<leptos-island>` widgets run in the browser; a page without one runs no
 * wasm and needs no wait). The bundle is compiled by the browser on first
 * use, which on a loaded 2-core CI machine can take several seconds, hence
 * the generous wait. If the islands never wake, the failure says why: the
 * console, page errors and how the script and wasm downloads went.
 */
export async function waitForIslands(page: Page) {
  await page.waitForLoadState('load');
  if ((await page.locator('leptos-island').count()) === 0) return;
  try {
    await expect(page.locator('html[data-islands="awake"]')).toHaveCount(1, { timeout: 25_000 });
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
        `the islands at ${page.url()} did not wake up: ${error}`,
        `downloads:\n  ${resources.join('\n  ') || '(none)'}`,
        `console:\n  ${console.join('\n  ') || '(empty)'}`,
        `page errors:\n  ${pageErrors.join('\n  ') || '(none)'}`,
      ].join('\n'),
    );
  }
}

/** The `/pkg/` downloads (script, wasm) the page has made so far. */
export async function bundleRequests(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((r) => r.name)
      .filter((name) => name.includes('/pkg/') && /\.(js|wasm)$/.test(new URL(name).pathname)),
  );
}

/** The demo accounts' password (`server --demo`). */
export const DEMO_PASSWORD = 'pitchbridge-demo';

/** Signs in through the real form and waits to land on `next`. */
export async function signIn(page: Page, email: string, password: string, next = '/') {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await waitForIslands(page);
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).last().click();
  const escaped = next.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(page).toHaveURL(new RegExp(`${escaped}$`));
}

// Sign-in is rate limited per address (30 per 15 minutes), and the whole
// suite signs in from 127.0.0.1: each demo account signs in once per
// worker and its session is reused by the later journeys.
const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

/** A page signed in as `email` at `next`, in a context of its own. */
export async function signedIn(browser: Browser, email: string, javaScriptEnabled: boolean, next: string) {
  const saved = sessions.get(email);
  const context = await browser.newContext({ javaScriptEnabled, storageState: saved });
  const page = await context.newPage();
  if (saved) {
    await page.goto(next);
  } else {
    await signIn(page, email, DEMO_PASSWORD, next);
    sessions.set(email, await context.storageState());
  }
  return { context, page };
}
