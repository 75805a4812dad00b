import { expect, test, type Page } from '@playwright/test';
import { signedIn, waitForIslands, watchErrors } from './helpers';

// Readiness on the demo data: the crowdfunding plan check (a GET form whose
// result lives in the address), and the checklist journey — an admin
// assigns a consultant, the founder uploads evidence and submits, the
// consultant signs off and the score moves. Each with and without
// JavaScript; the checklist journeys share the demo checklists, so they
// run one after another.
test.describe.configure({ mode: 'serial' });

const ADMIN = 'admin@demo.pitchbridge.kr';
const CONSULTANT = 'consultant@demo.pitchbridge.kr';
const FOUNDER = 'founder@demo.pitchbridge.kr';


/** "51점" of the score card, as a number. */
async function score(page: Page): Promise<number> {
  const text = await page.locator('.readiness__score .stat__value').innerText();
  return Number(/([\d.]+)/.exec(text)?.[1] ?? NaN);
}

function item(page: Page, title: string) {
  return page.locator('.checklist__item', { has: page.getByRole('heading', { name: title, exact: true }) });
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

for (const javaScriptEnabled of [true, false]) {
  const variant = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  // Each variant works on an item of its own, both not started in the demo.
  const title = javaScriptEnabled ? '기술 차별성' : '발행인 적격';
  // …and on a company of its own for the assignment.
  const unassigned = javaScriptEnabled ? 'weldmind' : 'sparelab';

  test.describe(variant, () => {
    test.use({ javaScriptEnabled });

    test('a failing plan names the rule and its article, and passes once fixed', async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto('/');
      await page.getByRole('contentinfo').getByRole('link', { name: '크라우드펀딩 계획 점검' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('크라우드펀딩 계획 점검');
      await expect(page.getByRole('note')).toContainText('법률 자문이 아닙니다');

      // Opened in 2015, no certificate; subscription of eight days.
      await page.getByLabel('개업일 (사업 개시일)').fill('2015-01-01');
      await page.getByLabel('표준산업분류 코드 (KSIC)').fill('20499');
      await page.getByLabel('목표 모집금액').fill('5억');
      await page.getByLabel('청약 시작일').fill('2027-03-02');
      await page.getByLabel('청약 종료일').fill('2027-03-10');
      for (const doc of ['모집 조건', '투자 위험', '자금 사용 계획 (부족 시 계획 포함)', '발행가 산정 근거', '회사 개요', '사업계획서', '재무제표', '임원·대주주 현황', '특허·수상·언론 주장의 증빙']) {
        await page.getByLabel(doc, { exact: true }).check();
      }
      await page.getByRole('button', { name: '점검하기' }).click();

      await expect(page).toHaveURL(/opened_on=2015-01-01/);
      const status = page.locator('.plan-results').getByRole('status');
      await expect(status).toHaveText('충족하지 못한 요건이 2개 있습니다.');
      const issuer = page.locator('.rule', { hasText: '발행인 자격' });
      await expect(issuer.locator('.verdict')).toHaveText('미충족');
      await expect(issuer).toContainText('청약 시작일에 창업 7년이 지났습니다');
      await expect(issuer.locator('cite')).toContainText('자본시장법 §9㉗');
      await expect(issuer).toContainText('확인 필요');
      const period = page.locator('.rule', { hasText: '청약기간 10일 이상' });
      await expect(period.locator('.verdict')).toHaveText('미충족');

      // The form kept what was typed: fix two fields and check again.
      await expect(page.getByLabel('목표 모집금액')).toHaveValue('5억');
      await page.getByLabel('벤처기업 확인 유효기간 만료일').fill('2027-12-31');
      await page.getByLabel('청약 종료일').fill('2027-03-14');
      await page.getByRole('button', { name: '점검하기' }).click();
      await expect(status).toHaveText('요건 위반이 보이지 않습니다.');
      await expect(issuer.locator('.verdict')).toHaveText('충족');

      // The back button returns to the failing result.
      await page.goBack();
      await expect(page.locator('.plan-results').getByRole('status')).toHaveText('충족하지 못한 요건이 2개 있습니다.');
      expect(errors).toEqual([]);
    });

    test('bad plan input is named at its field and nothing is checked', async ({ page }) => {
      await page.goto('/readiness/crowdfunding-plan');
      await page.getByLabel('목표 모집금액').fill('-5억');
      await page.getByLabel('청약 시작일').fill('2027-03-14');
      await page.getByLabel('청약 종료일').fill('2027-03-02');
      await page.getByRole('button', { name: '점검하기' }).click();
      await expect(page.locator('main').getByRole('alert')).toHaveText('입력을 고치면 점검 결과가 나옵니다.');
      await expect(page.getByLabel('목표 모집금액')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByLabel('청약 종료일')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('.rule')).toHaveCount(0);
    });

    test('an unassigned consultant is refused until an admin assigns them', async ({ browser }) => {
      const path = `/companies/${unassigned}/readiness`;
      const consultant = await signedIn(browser, CONSULTANT, javaScriptEnabled, path);
      await expect(consultant.page.locator('.readiness')).toHaveCount(0);
      await expect(consultant.page.locator('main')).toContainText('권한');

      const admin = await signedIn(browser, ADMIN, javaScriptEnabled, path);
      await expect(admin.page.getByText('아직 배정된 컨설턴트가 없습니다.')).toBeVisible();
      await admin.page.getByLabel('컨설턴트', { exact: true }).selectOption({ label: '이성장 (기업성장지원단)' });
      await admin.page.getByRole('button', { name: '배정하기' }).click();
      await expect(admin.page.getByText('컨설턴트를 배정했습니다.')).toBeVisible();
      await expect(admin.page.locator('.readiness__consultants')).toContainText('이성장');

      await consultant.page.goto(path);
      await expect(consultant.page.getByRole('heading', { level: 1 })).toHaveText('준비도');
      await consultant.context.close();
      await admin.context.close();
    });

    test('a shared readiness badge is on the public company page and in the directory filter', async ({ page }) => {
      await page.goto('/companies/tansoon');
      const badge = page.locator('.readiness-badge');
      await expect(badge).toContainText('증권형 크라우드펀딩 준비도');
      await expect(badge).toContainText('이성장');
      // The public milestone timeline: what the company chose to show only.
      const timeline = page.locator('aside .timeline');
      await expect(timeline).toContainText('IR 덱 1차 완성');
      await expect(timeline).not.toContainText('회계사 검토보고서 확보');
      await page.goto('/companies');
      await page.getByLabel('공개 준비도').selectOption('40');
      await page.getByRole('button', { name: '적용' }).click();
      await expect(page).toHaveURL(/readiness=40/);
      await expect(page.locator('.company-card', { hasText: '탄소온' })).toHaveCount(1);
      await expect(page.locator('.company-card', { hasText: '써모링크' })).toHaveCount(0);
    });

    test('the consultant\'s portfolio puts overdue and stalled work first', async ({ browser }) => {
      const consultant = await signedIn(browser, CONSULTANT, javaScriptEnabled, '/');
      await consultant.page.getByRole('link', { name: '포트폴리오' }).click();
      await expect(consultant.page.getByRole('heading', { level: 1 })).toHaveText('준비도 포트폴리오');
      const rows = consultant.page.locator('table.portfolio tbody tr');
      expect(await rows.count()).toBeGreaterThanOrEqual(6);
      await expect(rows.filter({ hasText: '써모링크' }).locator('.badge', { hasText: '정체' })).toBeVisible();
      // Only the stalled ones, through the filter form; the address keeps it.
      await consultant.page.getByLabel('30일 넘게 진전 없는 것만').check();
      await consultant.page.getByRole('button', { name: '적용' }).click();
      await expect(consultant.page).toHaveURL(/stalled=1/);
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('써모링크');
      const csv = await consultant.page.request.get('/consulting.csv?stalled=1');
      expect(csv.status()).toBe(200);
      const text = (await csv.body()).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text).toContain('써모링크');
      await consultant.context.close();
    });

    test('the founder submits evidence, the consultant signs off, the score moves', async ({ browser }) => {
      const path = '/companies/tansoon/readiness?checklist=crowdfunding';
      const founder = await signedIn(browser, FOUNDER, javaScriptEnabled, path);
      const errors = watchErrors(founder.page);
      const before = await score(founder.page);
      const mine = item(founder.page, title);
      await expect(mine.locator('.checklist__head .badge').first()).toHaveText('미착수');

      // Evidence: a PDF, through the plain multipart form.
      await mine.getByText('기한·메모·댓글·증빙').click();
      await mine.getByLabel('증빙 파일').setInputFiles({ name: '시험성적서.pdf', mimeType: 'application/pdf', buffer: PDF });
      await mine.getByRole('button', { name: '올리기' }).click();
      await expect(founder.page.getByText('증빙 파일을 올렸습니다.')).toBeVisible();
      await expect(item(founder.page, title).getByRole('link', { name: '시험성적서.pdf' })).toBeVisible();

      // Submit; the founder cannot sign off.
      const select = item(founder.page, title).getByLabel('바꿀 상태');
      await expect(select.locator('option', { hasText: '승인하기' })).toHaveCount(0);
      await select.selectOption({ label: '제출하기' });
      await item(founder.page, title).getByRole('button', { name: '바꾸기' }).click();
      await expect(item(founder.page, title).locator('.badge', { hasText: '제출됨' })).toBeVisible();
      expect(await score(founder.page)).toBe(before);

      const consultant = await signedIn(browser, CONSULTANT, javaScriptEnabled, path);
      const theirs = item(consultant.page, title);
      await theirs.getByLabel('바꿀 상태').selectOption({ label: '승인하기' });
      await theirs.getByRole('button', { name: '바꾸기' }).click();
      await expect(consultant.page.getByText('상태를 바꿨습니다. 점수가 다시 계산되었습니다.')).toBeVisible();
      await expect(item(consultant.page, title).locator('.checklist__signoff')).toContainText('이성장');
      const after = await score(consultant.page);
      expect(after).toBeGreaterThan(before);

      // The founder sees the new score and its chart's last point.
      await founder.page.goto(path);
      expect(await score(founder.page)).toBe(after);
      await founder.page.getByText('점수 변화 표').click();
      await expect(founder.page.locator('.score-chart tbody tr').first()).toContainText(String(after));
      expect(errors).toEqual([]);
      await consultant.context.close();
      await founder.context.close();
    });

    test('the assigned consultant reads the unpublished draft; an investor may not', async ({ browser }) => {
      const text = `검토 부탁드리는 기술 소개 초안 (${variant})`;
      const founder = await signedIn(browser, FOUNDER, javaScriptEnabled, '/companies/tansoon/pitch');
      if (javaScriptEnabled) await waitForIslands(founder.page);
      await founder.page.locator('textarea[name="form[technology]"]').fill(text);
      await founder.page.getByRole('button', { name: '초안 저장' }).click();
      await expect(founder.page.getByText('초안을 저장했습니다.', { exact: false })).toBeVisible();

      const consultant = await signedIn(browser, CONSULTANT, javaScriptEnabled, '/companies/tansoon');
      const errors = watchErrors(consultant.page);
      await expect(consultant.page.getByRole('status').filter({ hasText: '공개하지 않은 수정 사항' })).toBeVisible();
      // The published page does not show the draft.
      await expect(consultant.page.getByText(text)).toHaveCount(0);
      await consultant.page.getByRole('link', { name: '초안 보기' }).first().click();
      await expect(consultant.page).toHaveURL(/\/companies\/tansoon\/draft$/);
      await expect(consultant.page.getByRole('heading', { level: 1 })).toContainText('게시 전 초안');
      await expect(consultant.page.getByText(text)).toBeVisible();
      await expect(consultant.page.getByRole('status').filter({ hasText: '공개본과 달라진 항목' })).toBeVisible();
      // Read-only: no form, no editing link.
      await expect(consultant.page.locator('main form[method="post"]')).toHaveCount(0);
      await expect(consultant.page.getByRole('link', { name: '피치 편집' })).toHaveCount(0);
      expect(errors).toEqual([]);

      const investor = await signedIn(browser, 'investor@demo.pitchbridge.kr', javaScriptEnabled, '/companies/tansoon/draft');
      await expect(investor.page.getByRole('heading', { name: '접근 권한이 없습니다' })).toBeVisible();
      await expect(investor.page.getByText(text)).toHaveCount(0);
      await investor.context.close();
      await consultant.context.close();
      await founder.context.close();
    });
  });
}
