import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, waitForIslands, watchErrors } from './helpers';

// One story: a new startup writes and publishes its pitch twice, then a
// visitor and a verified investor find it. Demo data is loaded by the
// server under test (`--demo`).
const INVESTOR = 'investor@demo.pitchbridge.kr';
const PASSWORD = 'gumi carbon spring forum 2026';

// A Korean word no other company uses, so searches find exactly this one.
const HANGUL = '가나다라마바사아자차';
const stamp = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
const word = [...stamp.slice(-6)].map((d) => HANGUL[Number(d)]).join('');
const founder = {
  email: `pitch-${stamp}@e2e.pitchbridge.kr`,
  name: '한대표',
  company: `발열온 ${word}`,
};
const oneLiner = `탄소섬유 발열매트${word} 로 비닐하우스 난방비를 줄입니다`;
const investorOnly = `투자자전용메모${word}`;
const XSS = '<img src=x onerror=alert(1)>';

/** Fails the test if any script dialog opens (a stored XSS firing). */
function forbidDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return dialogs;
}

let companyPath = '';

test.describe('a company publishes its pitch and investors find it', () => {
  test.describe.configure({ mode: 'serial' });

  test('a startup fills in its profile and pitch, publishes twice and sees the diff', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    const dialogs = forbidDialogs(page);

    await page.goto('/signup');
    await waitForIslands(page);
    await page.getByRole('radio', { name: '스타트업', exact: true }).check();
    await page.getByLabel('이메일').fill(founder.email);
    await page.getByLabel('이름', { exact: true }).fill(founder.name);
    await page.getByLabel('비밀번호', { exact: true }).fill(PASSWORD);
    await page.getByLabel('비밀번호 확인').fill(PASSWORD);
    await page.getByLabel('회사 이름').fill(founder.company);
    await page.getByRole('button', { name: '가입하기' }).click();
    await expect(page).toHaveURL(/\/account$/);

    // The header links to the new company; unpublished, only we see it.
    await page.getByRole('link', { name: '내 회사' }).click();
    await expect(page).toHaveURL(/\/companies\/co-[0-9a-f]+$/);
    companyPath = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(founder.company);
    await expect(page.locator('.notice--warning[role="status"]')).toContainText('아직 피치를 공개하지 않아');

    // Profile.
    await page.getByRole('link', { name: '기업 정보 수정' }).first().click();
    await expect(page).toHaveURL(new RegExp(`${companyPath}/edit$`));
    await waitForIslands(page);
    await page.getByLabel('한 줄 소개').fill(oneLiner);
    await page.getByLabel('미니클러스터').selectOption('1');
    await page.getByLabel('투자 단계').selectOption('seed');
    await page.getByLabel('설립 연도').fill('2021');
    await page.getByLabel('태그').fill('탄소섬유, 발열매트');
    await page
      .getByRole('region', { name: '기업 정보 수정' })
      .getByRole('button', { name: '저장', exact: true })
      .click();
    await expect(page.getByRole('status').filter({ hasText: '저장했습니다.' })).toBeVisible();

    // Pitch: the preview follows the typing.
    await page.goto(`${companyPath}/pitch`);
    await waitForIslands(page);
    const technology = page.locator('textarea[name="form[technology]"]');
    await technology.fill('### 핵심 기술\n\n**탄소섬유** 면상 발열체를 씁니다.');
    const techSection = page.locator('.draft-section', { has: technology });
    await expect(techSection.locator('.pitch-preview__body strong')).toHaveText('탄소섬유');
    await page.locator('textarea[name="form[market]"]').fill(`시장 설명. ${XSS} 라는 글자도 그대로 보입니다.`);
    await page.locator('textarea[name="form[business_plan]"]').fill(`### 매출 계획\n\n${investorOnly}`);
    await page.locator('select[name="form[business_plan_visibility]"]').selectOption('investors');
    await page.locator('input[name="form[amount]"]').fill('5억');
    await page.getByRole('button', { name: '저장하고 공개' }).click();
    await expect(page.getByText('1번째 공개본을 공개했습니다.')).toBeVisible();

    // Edit and publish again.
    await technology.fill('### 핵심 기술\n\n**탄소섬유** 면상 발열체를 씁니다.\n\n특허 3건을 출원했습니다.');
    await page.getByRole('button', { name: '저장하고 공개' }).click();
    await expect(page.getByText('2번째 공개본을 공개했습니다.')).toBeVisible();

    // The history compares the two latest revisions by default.
    await page.goto(`${companyPath}/history`);
    await expect(page.getByText('1번째 → 2번째 공개본에서 바뀐 내용')).toBeVisible();
    await expect(page.locator('.diff-line--added', { hasText: '특허 3건을 출원했습니다.' })).toHaveCount(1);

    // The stored payload is text on the public page, never markup.
    await page.goto(companyPath);
    await expect(page.locator('[data-section="market"] .prose')).toContainText(XSS);
    await expect(page.locator('[data-section="market"] img')).toHaveCount(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a visitor sees the card and the public sections but not the investor-only one', async ({
    page,
  }) => {
    const dialogs = forbidDialogs(page);
    await page.goto(`/companies?q=${encodeURIComponent(`매트${word.slice(0, 3)}`)}`);
    const card = page.locator('.company-card', { hasText: founder.company });
    await expect(card).toHaveCount(1);
    await expect(page.locator('.company-card')).toHaveCount(1);
    await card.getByRole('link', { name: founder.company }).click();
    await expect(page).toHaveURL(new RegExp(`${companyPath}$`));
    await expect(page.locator('[data-section="technology"] .prose')).toContainText('특허 3건');
    await expect(page.locator('[data-section="business_plan"] .locked-section')).toBeVisible();
    await expect(page.locator('body')).not.toContainText(investorOnly);
    await expect(page.locator('.funding')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test('a verified investor finds it by a partial Korean word and a cluster filter', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    const dialogs = forbidDialogs(page);
    await signIn(page, INVESTOR, DEMO_PASSWORD, '/companies');
    await page.getByLabel('검색어').fill(`발열매트${word.slice(0, 2)}`);
    await page.getByLabel('미니클러스터').selectOption('carbon-materials');
    await page.getByRole('button', { name: '적용' }).click();
    await expect(page).toHaveURL(/cluster=carbon-materials/);
    const card = page.locator('.company-card', { hasText: founder.company });
    await expect(card).toHaveCount(1);
    await expect(card.locator('.company-card__ask')).toContainText('5억원');
    await card.getByRole('link', { name: founder.company }).click();
    await expect(page.locator('[data-section="business_plan"] .prose')).toContainText(investorOnly);
    await expect(page.locator('.funding__amount')).toHaveText('5억원');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
