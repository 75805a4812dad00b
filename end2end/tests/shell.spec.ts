import { expect, test } from '@playwright/test';
import { bundleRequests, waitForIslands, watchErrors } from './helpers';

test('landing page renders in Korean without errors and loads no wasm', async ({ page }) => {
  const errors = watchErrors(page);
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    '지역 스타트업의 다음 투자를 한곳에서 준비하고 연결합니다',
  );
  await expect(page.locator('.cluster-card')).toHaveCount(8);
  await expect(page.getByText('20억원')).toBeVisible();
  await waitForIslands(page);
  expect(await bundleRequests(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the language switch posts, comes back to the same page and is remembered', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/clusters/it-convergence?from=test');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/clusters\/it-convergence\?from=test$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IT Convergence mini-cluster');

  // The choice is remembered by the server for the next page.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Prepare and connect');
  await expect(page.getByText('KRW 2.0B')).toBeVisible();

  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    '지역 스타트업의 다음 투자를 한곳에서 준비하고 연결합니다',
  );
  // Back returns to the English page the switch was pressed on.
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the language switch is a plain form that round-trips', async ({ page }) => {
    await page.goto('/clusters/it-convergence');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/clusters\/it-convergence$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'IT Convergence mini-cluster',
    );

    await page.getByRole('button', { name: '한국어' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('IT융합 미니클러스터');
  });

  test('pages are complete server-rendered HTML', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.cluster-card')).toHaveCount(8);
    await page.getByRole('link', { name: /3D프린팅/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('3D프린팅 미니클러스터');
  });
});

test('a cluster page opens from the landing page and back returns', async ({ page }) => {
  await page.goto('/');
  await waitForIslands(page);
  await page.getByRole('link', { name: /탄소부품소재/ }).first().click();
  await expect(page).toHaveURL(/\/clusters\/carbon-materials$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('탄소부품소재 미니클러스터');
  // The demo's carbon-materials companies are listed, 탄소온 among them.
  await expect(page.locator('.company-card', { hasText: '탄소온' })).toHaveCount(1);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.cluster-card')).toHaveCount(8);
});

test('an unknown URL shows the translated 404 page with status 404', async ({ page, context }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('페이지를 찾을 수 없습니다');

  const url = new URL(page.url());
  await context.addCookies([{ name: 'lang', value: 'en', domain: url.hostname, path: '/' }]);
  const english = await page.goto('/clusters/not-a-cluster');
  expect(english?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Back to home' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('a 360 px phone gets no horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/clusters', '/clusters/gb-agri-bio', '/missing']) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
