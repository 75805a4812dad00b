import { expect, test, type Page } from '@playwright/test';
import { signedIn, watchErrors } from './helpers';

// Investor limits on the demo data, with JavaScript and without (the pages
// hold no islands, so both must behave the same): an investor states a
// type on the account page, records crowdfunding interest on a company
// page, is warned past a cap without being blocked, and sees the use on
// /deals; the company page tells verified investors (only) whether an
// investment would qualify for the angel income deduction.
//
// 서포항 (another club's verified investor) is the one who records here:
// the deal-flow journeys use the demo investor's pipeline figures. Both
// variants change the same account, so they run one after another, and
// every check holds whatever an earlier run left behind.
test.describe.configure({ mode: 'serial' });

const INVESTOR = 'otherclub@demo.pitchbridge.kr';
const FOUNDER = 'founder@demo.pitchbridge.kr';

/** Chooses a type on /account and saves it; the page comes back with it. */
async function chooseType(page: Page, name: string) {
  await page.goto('/account');
  const card = page.locator('section.investor-type');
  await expect(card.getByRole('heading', { name: '투자자 유형' })).toBeVisible();
  await card.getByRole('radio', { name: new RegExp(name) }).check();
  await card.getByRole('button', { name: '유형 저장' }).click();
  await expect(page.getByText(`현재 유형: ${name}`)).toBeVisible();
}

/**
 * Records crowdfunding interest in the company open on `page`: a range
 * by the crowdfunding route, then an intent of `amount`. A note goes with
 * each step, so a step back from what an earlier run left is allowed.
 */
async function recordCrowdfunding(page: Page, amount: string) {
  const panel = page.locator('.deal-panel');
  await panel.getByLabel('단계', { exact: true }).selectOption('interested');
  await panel.getByLabel('최소 금액').fill('300만');
  await panel.getByLabel('최대 금액').fill('2000만');
  await panel.getByLabel('투자 경로').selectOption('crowdfunding');
  await panel.getByLabel('메모', { exact: true }).fill('크라우드펀딩 한도 점검');
  await panel.getByRole('button', { name: '기록하기' }).click();
  await expect(page.getByText('단계를 기록했습니다.')).toBeVisible();
  await setIntent(page, amount);
}

async function setIntent(page: Page, amount: string) {
  const panel = page.locator('.deal-panel');
  await panel.getByLabel('단계', { exact: true }).selectOption('intends');
  await panel.getByLabel('금액', { exact: true }).fill(amount);
  await panel.getByLabel('메모', { exact: true }).fill('금액 조정');
  await panel.getByRole('button', { name: '기록하기' }).click();
  await expect(page.getByText('단계를 기록했습니다.')).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  const variant = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test.describe(`investor limits ${variant}`, () => {
    test.use({ javaScriptEnabled });

    test('a type, a warning past the cap, and the use on /deals', async ({ browser }) => {
      const { context, page } = await signedIn(browser, INVESTOR, javaScriptEnabled, '/account');
      const errors = watchErrors(page);
      // With JS: a qualified investor goes past the 1,000만 per-company cap
      // on 루미세이브 and comes back under it. Without: a general investor
      // records 300만 on 옵토웨이브랩.
      const type = javaScriptEnabled ? '적격투자자' : '일반투자자';
      const slug = javaScriptEnabled ? 'lumisave' : 'optowave-lab';
      const company = javaScriptEnabled ? '루미세이브' : '옵토웨이브랩';
      await chooseType(page, type);
      const card = page.locator('section.investor-type');
      await expect(card.locator('tr[data-type="qualified"]')).toContainText('1,000만원');
      await expect(card.locator('tr[data-type="qualified"]')).toContainText('2,000만원');
      await expect(card.locator('tr[data-type="professional"]')).toContainText('한도 없음');
      await expect(card).toContainText('시행령 §118-17');
      await expect(card).toContainText('법률·세무 자문이 아닙니다');

      await page.goto(`/companies/${slug}`);
      const room = page.locator('.room-note');
      await expect(room).toContainText(`${type}: 이 기업에는 크라우드펀딩으로 최대`);
      await recordCrowdfunding(page, javaScriptEnabled ? '1200만' : '300만');

      if (javaScriptEnabled) {
        // Recorded, and warned: 200만 over the per-company cap.
        await expect(page.locator('.deal-panel .deal-terms').first()).toContainText('1,200만원');
        await expect(room.getByRole('alert')).toContainText('기업당 한도 1,000만원을 200만원 넘습니다.');

        await page.goto('/deals');
        const limits = page.locator('section#limits');
        await expect(limits.getByRole('heading', { name: '크라우드펀딩 투자 한도' })).toBeVisible();
        await expect(limits).toContainText('적격투자자 기준');
        const row = limits.locator('tr', { hasText: company });
        await expect(row).toContainText('1,200만원');
        await expect(row).toContainText('한도 초과');
        await expect(limits.getByRole('alert')).toContainText('기록한 금액이 한도를 넘습니다');

        // Back under the cap: the warning is gone for this company.
        await page.goto(`/companies/${slug}`);
        await setIntent(page, '800만');
        await expect(room.getByText(/기업당 한도 .* 넘습니다/)).toHaveCount(0);
        await page.goto('/deals');
        const fixed = page.locator('section#limits tr', { hasText: company });
        await expect(fixed).toContainText('800만원');
        await expect(fixed).not.toContainText('한도 초과');
      } else {
        await page.goto('/deals');
        const limits = page.locator('section#limits');
        await expect(limits).toContainText('일반투자자 기준');
        await expect(limits).toContainText('12개월 합계');
        await expect(limits.locator('tr', { hasText: company })).toContainText('300만원');
        await expect(limits).toContainText('자본시장법 §117-10⑥');
        // The account page is one click away.
        await limits.getByRole('link', { name: '투자자 유형 바꾸기' }).click();
        await expect(page).toHaveURL(/\/account$/);
      }
      expect(errors).toEqual([]);
      await context.close();
    });

    test('the deduction note for verified investors, from the company’s own facts', async ({ browser }) => {
      const { context, page } = await signedIn(browser, INVESTOR, javaScriptEnabled, '/companies/lumisave');
      const errors = watchErrors(page);
      // 루미세이브 (demo facts): opened 2021, venture-confirmed to 2028.
      const note = page.locator('section.deduction');
      await expect(note.getByRole('heading', { name: '엔젤투자 소득공제' })).toBeVisible();
      await expect(note).toContainText('요건을 충족하는 투자 경로가 있습니다.');
      await expect(note).toContainText('3,000만원 이하');
      await expect(note).toContainText('3,000만원 초과 5,000만원 이하');
      await expect(note).toContainText('5,000만원 초과');
      await expect(note).toContainText('종합소득금액의 50%');
      await expect(note).toContainText('조세특례제한법 §16①');
      await expect(note).toContainText('확인 필요');
      await expect(note).toContainText('법률·세무 자문이 아닙니다');
      // 써모링크 recorded nothing: unknown, not guessed.
      await page.goto('/companies/thermolink');
      await expect(page.locator('section.deduction')).toContainText('기업이 개업일을 기록하지 않았습니다');
      expect(errors).toEqual([]);
      await context.close();

      // A visitor sees no note.
      const visitor = await browser.newContext({ javaScriptEnabled });
      const anonymous = await visitor.newPage();
      await anonymous.goto('/companies/lumisave');
      await expect(anonymous.getByRole('heading', { level: 1 })).toHaveText('루미세이브');
      await expect(anonymous.locator('section.deduction')).toHaveCount(0);
      await visitor.close();

      // The founder keeps the facts on the edit page.
      const { context: founderContext, page: founder } = await signedIn(
        browser,
        FOUNDER,
        javaScriptEnabled,
        '/companies/tansoon/edit',
      );
      await expect(founder.getByRole('heading', { name: '소득공제 판단용 사실' })).toBeVisible();
      await expect(founder.getByLabel('개업일 (사업자등록증)')).toHaveValue('2016-04-01');
      await expect(founder.getByLabel('벤처기업 확인', { exact: true })).toHaveValue('certified');
      await founderContext.close();
    });
  });
}
