import { expect, test } from '@playwright/test';
import { bundleRequests, DEMO_PASSWORD, signIn, waitForIslands, watchErrors } from './helpers';

// Islands mode: pages render on the server; only the widgets that need the
// browser (the pitch editor's preview) download and run the bundle.

test('a visitor reads the directory and a company page without any wasm', async ({ page }) => {
  const errors = watchErrors(page);
  for (const path of ['/companies', '/companies?q=탄소', '/companies/tansoon']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await waitForIslands(page);
    await expect(page.locator('leptos-island')).toHaveCount(0);
    expect(await bundleRequests(page), path).toEqual([]);
  }
  // The stylesheet has a content hash in its name and may be kept for a year.
  const css = await page.locator('link[rel="stylesheet"]').getAttribute('href');
  expect(css).toMatch(/^\/pkg\/pitchbridge\.[\w-]+\.css$/);
  const asset = await page.request.get(css!, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(asset.headers()['content-encoding']).toBe('br');
  expect(errors).toEqual([]);
});

test("the founder's pitch preview follows typing, and the page is still a plain form", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, 'founder@demo.pitchbridge.kr', DEMO_PASSWORD, '/companies/tansoon/pitch');
  await waitForIslands(page);
  // The header marks the founder's own company, not the directory above it.
  await expect(page.getByRole('link', { name: '내 회사', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: '기업 찾기', exact: true })).not.toHaveAttribute('aria-current', 'page');
  const requests = await bundleRequests(page);
  expect(requests.some((r) => /\/pkg\/pitchbridge\.[\w-]+\.wasm$/.test(r)), requests.join()).toBe(true);

  const technology = page.locator('textarea[name="form[technology]"]');
  const section = page.locator('.draft-section', { has: technology });
  const preview = section.locator('.pitch-preview__body');
  await technology.fill('미리보기 **섬유 발열체** 확인');
  await expect(preview).toHaveText('미리보기 섬유 발열체 확인');
  await expect(preview.locator('strong')).toHaveText('섬유 발열체');
  await technology.fill('이제 _기울임_ 으로');
  await expect(preview).toHaveText('이제 기울임 으로');
  await expect(preview.locator('em')).toHaveText('기울임');
  // Each textarea is still inside the real form that posts without script.
  await expect(page.locator('form[method="post"] textarea[name="form[technology]"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});
