import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, waitForIslands, watchErrors } from './helpers';

// Runs against the demo data (`--demo`): 24 published companies, among
// them 탄소온 (slug `tansoon`, carbon-fibre heating mats, carbon cluster).
const INVESTOR = 'investor@demo.pitchbridge.kr';

test('a Korean partial word finds companies, with the match highlighted', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/companies');
  await waitForIslands(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('기업 찾기');
  await expect(page.locator('.company-card')).toHaveCount(12);

  await page.getByLabel('검색어').fill('탄소');
  await page.getByRole('button', { name: '검색', exact: true }).click();
  await expect(page).toHaveURL(/q=%ED%83%84%EC%86%8C/);
  const card = page.locator('.company-card', { hasText: '탄소온' });
  await expect(card).toHaveCount(1);
  await expect(card.locator('mark').first()).toHaveText('탄소');
  await expect(page.locator('.list-summary')).toContainText('‘탄소’ 검색 결과');

  // Narrow to the carbon cluster: the filter lives in the URL.
  await page.getByLabel('미니클러스터').selectOption('carbon-materials');
  await page.getByRole('button', { name: '적용' }).click();
  await expect(page).toHaveURL(/cluster=carbon-materials/);
  const cards = page.locator('.company-card');
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(cards.nth(i).locator('.company-card__meta')).toContainText('탄소부품소재');
  }

  // The back button walks back through the searches.
  await page.goBack();
  await expect(page).not.toHaveURL(/cluster=/);
  await expect(page.getByLabel('미니클러스터')).toHaveValue('');
  expect(errors).toEqual([]);
});

test('on a phone the conditions fold away until one is set', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const errors = watchErrors(page);
  await page.goto('/companies');
  await waitForIslands(page);
  // The search box and the first result fit on the first screen.
  await expect(page.getByLabel('검색어')).toBeVisible();
  await expect(page.getByLabel('미니클러스터')).toBeHidden();
  await expect(page.locator('.company-card').first()).toBeInViewport();

  await page.locator('.filters__summary').click();
  await page.getByLabel('미니클러스터').selectOption('carbon-materials');
  await page.getByRole('button', { name: '적용' }).click();
  await expect(page).toHaveURL(/cluster=carbon-materials/);
  // A page with a condition set opens with the panel showing it.
  await page.reload();
  await expect(page.locator('.filters__summary')).toContainText('1개 적용 중');
  await expect(page.getByLabel('미니클러스터')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a search that matches nothing says so and offers to clear', async ({ page }) => {
  await page.goto('/companies?q=%EC%97%86%EB%8A%94%EB%A7%90%EC%9E%85%EB%8B%88%EB%8B%A4');
  await expect(page.locator('.empty-state')).toContainText('조건에 맞는 기업이 없습니다.');
  await expect(page.getByRole('link', { name: '조건 지우기' }).first()).toBeVisible();
});

test('visitors see locked sections; a verified investor sees them', async ({ page, browser }) => {
  const errors = watchErrors(page);
  const response = await page.goto('/companies/tansoon');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('탄소온');
  const funding = page.locator('[data-section="funding_plan"]');
  await expect(funding.locator('.locked-section')).toBeVisible();
  await expect(funding.locator('.prose')).toHaveCount(0);
  await expect(page.locator('.locked-notice')).toContainText('인증 투자자에게 더 보이는 내용');
  await expect(page.locator('.funding')).toHaveCount(0);

  const investor = await browser.newPage();
  await signIn(investor, INVESTOR, DEMO_PASSWORD, '/companies/tansoon');
  const visible = investor.locator('[data-section="funding_plan"] .prose');
  await expect(visible).toBeVisible();
  await expect(investor.locator('.funding__amount')).toContainText('억원');
  await expect(investor.locator('.locked-notice')).toHaveCount(0);
  await investor.close();
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the filter form is a plain GET form with shareable URLs', async ({ page }) => {
    await page.goto('/companies');
    await page.getByLabel('검색어').fill('센서');
    await page.getByLabel('투자 단계').selectOption('seed');
    await page.getByRole('button', { name: '적용' }).click();
    await expect(page).toHaveURL(/q=%EC%84%BC%EC%84%9C/);
    await expect(page).toHaveURL(/stage=seed/);
    await expect(page.locator('.list-summary')).toContainText('‘센서’ 검색 결과');
    // Amount filters are for verified investors only.
    await expect(page.locator('input[name="min_amount"]')).toHaveCount(0);
  });
});
