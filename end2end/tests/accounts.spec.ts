import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, waitForIslands, watchErrors } from './helpers';

// Demo data is loaded by the server under test (`--demo`). The database
// lives as long as the server, so every account made here has a unique
// e-mail address.
const ADMIN = 'admin@demo.pitchbridge.kr';
const DEMO_CLUB = '한강엔젤클럽';
const PASSWORD = 'gumi carbon spring forum 2026';

const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const startup = {
  email: `founder-${stamp}@e2e.pitchbridge.kr`,
  name: '최대표',
  company: `탄소온 ${stamp}`,
};
const investor = {
  email: `angel-${stamp}@e2e.pitchbridge.kr`,
  name: `한엔젤 ${stamp.slice(-6)}`,
};

async function fillCommonFields(page: Page, email: string, name: string) {
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('이름', { exact: true }).fill(name);
  await page.getByLabel('비밀번호', { exact: true }).fill(PASSWORD);
  await page.getByLabel('비밀번호 확인').fill(PASSWORD);
}

test.describe('accounts, verification and roles', () => {
  // One story: each step uses the accounts the previous ones made.
  test.describe.configure({ mode: 'serial' });

  test('a startup signs up and lands on its account page', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/signin');
    // Click once the router listens, so the step exercises client-side
    // navigation rather than racing the wasm download.
    await waitForIslands(page);
    await page.getByRole('link', { name: '가입하기' }).last().click();
    await expect(page).toHaveURL(/\/signup$/);
    await waitForIslands(page);

    // Only the chosen role's part of the form shows (CSS alone, no script).
    await expect(page.locator('#startup-part')).toBeHidden();
    await expect(page.locator('#investor-part')).toBeHidden();
    await page.getByRole('radio', { name: '스타트업', exact: true }).check();
    await expect(page.locator('#startup-part')).toBeVisible();
    await expect(page.locator('#investor-part')).toBeHidden();

    await fillCommonFields(page, startup.email, startup.name);
    await page.getByLabel('회사 이름').fill(startup.company);
    await page.getByRole('button', { name: '가입하기' }).click();

    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('내 계정');
    await expect(page.locator('.status-panel__company')).toHaveText(startup.company);
    await expect(page.locator('.account-menu__name')).toHaveText(startup.name);
    await expect(page.locator('.account-menu .badge')).toHaveText('스타트업');
    expect(errors).toEqual([]);
  });

  test('an investor signs up into a club and waits for verification', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/signup');
    await waitForIslands(page);
    await page.getByRole('radio', { name: '투자자', exact: true }).check();
    await expect(page.locator('#investor-part')).toBeVisible();
    await expect(page.locator('#startup-part')).toBeHidden();

    await fillCommonFields(page, investor.email, investor.name);
    await page.getByLabel('클럽 선택').selectOption({ label: DEMO_CLUB });
    await page.getByRole('button', { name: '가입하기' }).click();

    await expect(page).toHaveURL(/\/account$/);
    const state = page.locator('.verification');
    await expect(state).toContainText('인증 대기 중');
    await expect(state).toContainText('운영기관이 확인하면 투자자 기능이 열립니다.');
    await expect(page.locator('.status-panel__club')).toHaveText(DEMO_CLUB);
    await expect(page.getByRole('link', { name: '내 클럽' })).toHaveCount(0);

    // The club page mirrors the server's refusal.
    const response = await page.goto('/club');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('접근 권한이 없습니다');
    // The browser logs the 403 document itself; nothing else may fail.
    expect(errors.filter((e) => !e.includes('status of 403'))).toEqual([]);
  });

  test('the admin finds the pending investor and verifies them', async ({ page }) => {
    const errors = watchErrors(page);
    await signIn(page, ADMIN, DEMO_PASSWORD, '/admin/users');
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('사용자 관리');
    await expect(page.getByRole('link', { name: '관리', exact: true })).toHaveAttribute('aria-current', 'page');

    await page.locator('#filter-role').selectOption('investor');
    await page.locator('#filter-verification').selectOption('pending');
    await page.getByRole('button', { name: '검색' }).click();
    await expect(page).toHaveURL(/role=investor/);
    await expect(page).toHaveURL(/verification=pending/);

    const row = page.locator('tr', { hasText: investor.email });
    await expect(row).toHaveCount(1);
    await expect(row.locator('.badge', { hasText: '인증 대기' })).toBeVisible();
    await row.getByRole('button', { name: '인증', exact: true }).click();

    await expect(page.getByRole('status').filter({ hasText: '저장했습니다.' })).toBeVisible();
    // No longer pending, so no longer in this filtered list.
    await expect(page.locator('tr', { hasText: investor.email })).toHaveCount(0);

    // The filtered view is a bookmarkable URL that renders on the server too.
    await page.goto(`/admin/users?q=${encodeURIComponent(investor.email)}`);
    const verified = page.locator('tr', { hasText: investor.email });
    await expect(verified.locator('.badge', { hasText: '인증됨' })).toBeVisible();

    await page.getByRole('navigation', { name: '관리 메뉴' }).getByRole('link', { name: '감사 기록' }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    // Other journeys run alongside and write audit rows too, so look for
    // this decision rather than assume it is the newest row.
    await expect(page.locator('tbody tr', { hasText: '투자자 인증 결정' }).first()).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('the verified investor sees the investor navigation and the club', async ({ page }) => {
    const errors = watchErrors(page);
    await signIn(page, investor.email, PASSWORD, '/account');
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.locator('.verification')).toContainText('인증 완료');

    await page.getByRole('link', { name: '내 클럽' }).click();
    await expect(page).toHaveURL(/\/club$/);
    await expect(page.getByRole('link', { name: '내 클럽' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_CLUB);
    const members = page.locator('.member-list__item');
    await expect(members.filter({ hasText: investor.name })).toHaveCount(1);
    expect(await members.count()).toBeGreaterThan(1);
    // Investors are not operators.
    await expect(page.getByRole('link', { name: '관리', exact: true })).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('signing out ends the session', async ({ page }) => {
    const errors = watchErrors(page);
    await signIn(page, investor.email, PASSWORD, '/account');
    await expect(page.locator('.account-menu__name')).toHaveText(investor.name);
    await page.getByRole('button', { name: '로그아웃' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator('.account-menu__name')).toHaveCount(0);
    await expect(page.getByRole('link', { name: '내 클럽' })).toHaveCount(0);

    const response = await page.goto('/account');
    expect(response?.status()).toBe(401);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('로그인이 필요합니다');
    await expect(page.locator('.access-notice a.btn--primary')).toHaveAttribute(
      'href',
      '/signin?next=/account',
    );
    // The browser logs the 401 answers themselves; nothing else may fail.
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });
});

test('non-admins get the translated no-access notice on admin pages', async ({ page }) => {
  await signIn(page, 'investor@demo.pitchbridge.kr', DEMO_PASSWORD);
  await expect(page.locator('.account-menu__name')).toBeVisible();
  for (const path of ['/admin/users', '/admin/clubs', '/admin/audit', '/admin/templates', '/admin/templates/angel']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('접근 권한이 없습니다');
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign-up is a plain form, and a taken e-mail is explained', async ({ page }) => {
    const email = `nojs-${stamp}@e2e.pitchbridge.kr`;
    await page.goto('/signup');
    // Picking a role shows its part of the form, without any script (CSS
    // `:has`); each part says whom it is for.
    await expect(page.locator('#startup-part')).toBeHidden();
    await page.getByRole('radio', { name: '투자자', exact: true }).check();
    await expect(page.locator('#investor-part')).toBeVisible();
    await expect(page.locator('#investor-part legend')).toContainText('투자자만');
    await page.getByRole('radio', { name: '스타트업', exact: true }).check();
    await expect(page.locator('#startup-part')).toBeVisible();
    await expect(page.locator('#startup-part legend')).toContainText('스타트업만');
    await expect(page.locator('#investor-part')).toBeHidden();
    await fillCommonFields(page, email, '김대표');
    await page.getByLabel('회사 이름').fill(`무자바 ${stamp}`);
    await page.getByRole('button', { name: '가입하기' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.locator('.status-panel__company')).toHaveText(`무자바 ${stamp}`);

    await page.getByRole('button', { name: '로그아웃' }).click();
    await expect(page.locator('.account-menu__name')).toHaveCount(0);

    await page.goto('/signup');
    await page.getByRole('radio', { name: '스타트업', exact: true }).check();
    await fillCommonFields(page, email, '김대표');
    await page.getByLabel('회사 이름').fill('다른 회사');
    await page.getByRole('button', { name: '가입하기' }).click();
    await expect(page).toHaveURL(/\/signup\?/);
    await expect(page.locator('#email-error')).toHaveText(
      '이미 가입된 이메일입니다. 로그인하거나 다른 주소를 쓰세요.',
    );
    await expect(page.getByLabel('이메일')).toHaveAttribute('aria-invalid', 'true');
  });
});
