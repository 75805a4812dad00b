import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, waitForIslands } from './helpers';

// axe-core's default rule set (WCAG 2 A/AA and best practices) on the pages
// people open most, in both languages' default (Korean). Zero violations.
async function expectNoViolations(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  await waitForIslands(page);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const report = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(report, `axe on ${path}`).toEqual([]);
}

test('public pages have no accessibility violations', async ({ page }) => {
  for (const path of [
    '/',
    '/companies',
    '/companies?q=탄소',
    '/companies/tansoon',
    '/clusters',
    '/clusters/carbon-materials',
    '/signin',
    '/signup',
    '/no-such-page',
  ]) {
    await expectNoViolations(page, path);
  }
});

test("the founder's pages have no accessibility violations", async ({ page }) => {
  await signIn(page, 'founder@demo.pitchbridge.kr', DEMO_PASSWORD, '/account');
  for (const path of [
    '/account',
    '/companies/tansoon',
    '/companies/tansoon/edit',
    '/companies/tansoon/pitch',
    '/companies/tansoon/history',
    '/companies/tansoon/team',
  ]) {
    await expectNoViolations(page, path);
  }
});

test("an investor's and an admin's pages have no accessibility violations", async ({ browser }) => {
  const investor = await (await browser.newContext()).newPage();
  await signIn(investor, 'investor@demo.pitchbridge.kr', DEMO_PASSWORD, '/companies/tansoon');
  await expectNoViolations(investor, '/companies/tansoon');
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@demo.pitchbridge.kr', DEMO_PASSWORD, '/admin/users');
  for (const path of ['/admin/users', '/admin/clubs', '/admin/audit', '/admin/templates', '/admin/templates/angel']) {
    await expectNoViolations(admin, path);
  }
});
