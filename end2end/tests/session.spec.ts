import { expect, test } from '@playwright/test';
import { waitForIslands, watchErrors } from './helpers';

// Demo accounts are loaded by the server under test (`--demo`).
const INVESTOR = 'investor@demo.pitchbridge.kr';
const PASSWORD = 'pitchbridge-demo';

test('an investor signs in and out with JavaScript', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/signin?next=/clusters');
  await waitForIslands(page);
  await page.getByLabel('이메일').fill(INVESTOR);
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '로그인' }).last().click();
  await expect(page).toHaveURL(/\/clusters$/);
  await expect(page.locator('.account-menu__name')).toHaveText('박엔젤');
  await expect(page.locator('.account-menu .badge')).toHaveText('투자자');

  await page.getByRole('button', { name: '로그아웃' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.account-menu__name')).toHaveCount(0);
  await expect(page.getByRole('link', { name: '로그인' })).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a wrong password is explained, the right one signs in', async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('이메일').fill(INVESTOR);
    await page.getByLabel('비밀번호').fill('not-the-password');
    await page.getByRole('button', { name: '로그인' }).last().click();
    await expect(page.getByRole('alert')).toHaveText('이메일 또는 비밀번호가 올바르지 않습니다.');

    await page.getByLabel('이메일').fill(INVESTOR);
    await page.getByLabel('비밀번호').fill(PASSWORD);
    await page.getByRole('button', { name: '로그인' }).last().click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('.account-menu__name')).toHaveText('박엔젤');

    await page.getByRole('button', { name: '로그아웃' }).click();
    await expect(page.locator('.account-menu__name')).toHaveCount(0);
  });
});
