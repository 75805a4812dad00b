import { expect, test } from '@playwright/test';
import { signedIn, watchErrors } from './helpers';

// A venture forum from start to agenda, with and without JavaScript: the
// admin creates a forum and opens applications, the demo founder applies
// from the forum's page, the admin accepts, sets the presenting time and
// confirms; then a visitor reads the agenda and downloads the calendar
// file. Each variant makes a forum of its own, so they share nothing but
// the demo founder's company.
test.describe.configure({ mode: 'serial' });

const ADMIN = 'admin@demo.pitchbridge.kr';
const FOUNDER = 'founder@demo.pitchbridge.kr';
const INVESTOR = 'investor@demo.pitchbridge.kr';

/** A date a month from now, as a date input takes it. */
function inAMonth(): string {
  const d = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

for (const javaScriptEnabled of [true, false]) {
  const variant = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  const title = javaScriptEnabled ? '제8회 신사업벤처포럼 (JS)' : '제8회 신사업벤처포럼 (HTML)';

  test.describe(variant, () => {
    test.use({ javaScriptEnabled });
    let forumId = '';

    test('admin creates and opens a forum, a founder applies, the agenda is published', async ({ browser }) => {
      const admin = await signedIn(browser, ADMIN, javaScriptEnabled, '/admin/forums');
      const page = admin.page;
      const errors = watchErrors(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('포럼 관리');
      await page.getByRole('link', { name: '포럼 만들기' }).click();
      await expect(page).toHaveURL(/\/admin\/forums\/new$/);

      // A bad time first: the form says which field and keeps nothing.
      await page.getByLabel('제목').fill(title);
      await page.getByLabel('날짜').fill(inAMonth());
      await page.getByLabel('시작 시각').fill('14:00');
      await page.getByLabel('종료 시각').fill('13:00');
      await page.getByLabel('장소').fill('대구 엑스코 컨퍼런스룸 322');
      await page.getByLabel('정원 (명)').fill('60');
      await page.getByLabel('소개 (Markdown)').fill('## 발표 순서\n\n- 기업 발표와 질의응답');
      await page.getByRole('button', { name: '포럼 만들기' }).click();
      await expect(page.locator('#forum-ends-error')).toHaveText('종료 시각은 시작 시각보다 늦어야 합니다.');

      await page.getByLabel('제목').fill(title);
      await page.getByLabel('날짜').fill(inAMonth());
      await page.getByLabel('시작 시각').fill('14:00');
      await page.getByLabel('종료 시각').fill('17:30');
      await page.getByLabel('장소').fill('대구 엑스코 컨퍼런스룸 322');
      await page.getByLabel('정원 (명)').fill('60');
      await page.getByRole('button', { name: '포럼 만들기' }).click();
      await expect(page).toHaveURL(/\/admin\/forums\/\d+$/);
      forumId = /\/admin\/forums\/(\d+)$/.exec(page.url())![1];
      await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
      await page.getByRole('button', { name: "'신청 접수'(으)로 변경" }).click();
      await expect(page.getByText('단계를 변경했습니다.')).toBeVisible();

      // The founder applies from the forum's own page.
      const founder = await signedIn(browser, FOUNDER, javaScriptEnabled, '/forums');
      const fpage = founder.page;
      await fpage.getByRole('link', { name: title }).click();
      await expect(fpage).toHaveURL(new RegExp(`/forums/${forumId}$`));
      await fpage.getByLabel('신청 메모').fill('탄소섬유 면상발열체의 양산 계획과 투자 유치 규모를 발표합니다.');
      await fpage.getByRole('button', { name: '발표 신청하기' }).click();
      await expect(fpage.getByText('우리 회사 신청 상태: 검토 중')).toBeVisible();

      // The admin accepts and gives the company its time.
      await page.goto(`/admin/forums/${forumId}`);
      const row = page.getByRole('row', { name: /탄소온/ });
      await row.getByRole('button', { name: '선정', exact: true }).click();
      await expect(page.getByText('결정을 저장했습니다.')).toBeVisible();
      await page.getByLabel('탄소온 시작 시각').fill('14:20');
      await page.getByRole('button', { name: '발표 순서 저장' }).click();
      await expect(page.getByText('발표 순서를 저장했습니다.')).toBeVisible();
      await page.getByRole('button', { name: "'확정'(으)로 변경" }).click();
      await expect(page.getByText('단계를 변경했습니다.')).toBeVisible();

      await fpage.reload();
      await expect(fpage.getByText('우리 회사 신청 상태: 선정')).toBeVisible();

      // An investor says they will come and gets a seat.
      const investor = await signedIn(browser, INVESTOR, javaScriptEnabled, `/forums/${forumId}`);
      const ipage = investor.page;
      await ipage.getByRole('radio', { name: '참석', exact: true }).check();
      await ipage.getByRole('button', { name: '응답 저장' }).click();
      await expect(ipage.getByText('응답을 저장했습니다.')).toBeVisible();
      await expect(ipage.locator('.rsvp-card__standing')).toHaveText('좌석 확보');
      // From the agenda to the investor's pipeline.
      await ipage
        .getByRole('row', { name: /탄소온/ })
        .getByRole('button', { name: '내 파이프라인에 추가' })
        .click();
      await expect(ipage.getByRole('status').filter({ hasText: '파이프라인' })).toBeVisible();
      await investor.context.close();

      // A visitor reads the agenda and takes the calendar file.
      const visitor = await browser.newContext({ javaScriptEnabled });
      const vpage = await visitor.newPage();
      await vpage.goto('/forums');
      await vpage.getByRole('link', { name: title }).click();
      const agenda = vpage.getByRole('table');
      await expect(agenda.getByRole('row', { name: /탄소온/ })).toContainText('14:20');
      const ics = await vpage.request.get(`/forums/${forumId}/calendar.ics`);
      expect(ics.status()).toBe(200);
      expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      const body = await ics.text();
      expect(body).toContain('DTSTART;TZID=Asia/Seoul:');
      expect(body).toContain(`UID:forum-${forumId}@`);
      await expect(vpage.getByRole('link', { name: '캘린더에 추가 (.ics)' })).toHaveAttribute(
        'href',
        `/forums/${forumId}/calendar.ics`,
      );

      expect(errors).toEqual([]);
      await visitor.close();
      await founder.context.close();
      await admin.context.close();
    });

    test('the investor scores, the founder reads anonymous feedback, an outcome reaches the impact page', async ({ browser }) => {
      expect(forumId).not.toBe('');
      const admin = await signedIn(browser, ADMIN, javaScriptEnabled, `/admin/forums/${forumId}`);
      const page = admin.page;
      const errors = watchErrors(page);
      await page.getByRole('button', { name: "'개최'(으)로 변경" }).click();
      await expect(page.getByText('단계를 변경했습니다.')).toBeVisible();

      // The seated investor scores the presenting company; a missing
      // score is refused by the browser's own check, so all six are set.
      const investor = await signedIn(browser, INVESTOR, javaScriptEnabled, `/forums/${forumId}`);
      const ipage = investor.page;
      await ipage.getByRole('row', { name: /탄소온/ }).getByRole('link', { name: '평가하기' }).click();
      await expect(ipage.getByRole('heading', { level: 1 })).toHaveText('탄소온 평가표');
      const scores: [RegExp, string][] = [
        [/팀 역량/, '5점'],
        [/시장성/, '4점'],
        [/기술성·제품/, '4점'],
        [/사업성·트랙션/, '3점'],
        [/경쟁우위/, '2점'],
        [/투자매력도/, '1점'],
      ];
      for (const [group, score] of scores) {
        await ipage.getByRole('group', { name: group }).getByRole('radio', { name: score }).check();
      }
      await ipage.getByLabel('강점').fill('양산 라인을 이미 갖춘 팀');
      await ipage.getByLabel('질문').fill('공급 단가는 어느 수준인가요?');
      await ipage.getByRole('button', { name: '평가 저장' }).click();
      await expect(ipage.getByText('평가를 저장했습니다.')).toBeVisible();
      await ipage.goto(`/forums/${forumId}`);
      await expect(ipage.getByRole('link', { name: '내 평가 3.60 · 고치기' })).toBeVisible();
      await investor.context.close();

      // The admin sees who scored, closes the forum and releases feedback.
      await page.reload();
      await expect(page.locator('#forum-scores-title')).toBeVisible();
      await page.locator('summary', { hasText: '평가표 전체' }).click();
      await expect(page.getByRole('row', { name: /탄소온.*박엔젤/ })).toContainText('3.60');
      await page.getByRole('button', { name: "'종료'(으)로 변경" }).click();
      await expect(page.getByText('단계를 변경했습니다.')).toBeVisible();
      await page.getByRole('button', { name: '기업에 피드백 공개' }).click();
      await expect(page.getByText('피드백을 공개했습니다.', { exact: true })).toBeVisible();

      // The founder reads the averages and comments, without names.
      const founder = await signedIn(browser, FOUNDER, javaScriptEnabled, `/forums/${forumId}`);
      const fpage = founder.page;
      const feedback = fpage.locator('.forum-feedback');
      await expect(feedback.getByRole('heading', { name: '투자자 피드백' })).toBeVisible();
      await expect(feedback).toContainText('3.60');
      await expect(feedback).toContainText('양산 라인을 이미 갖춘 팀');
      await expect(feedback).toContainText('공급 단가는 어느 수준인가요?');
      await expect(feedback).not.toContainText('박엔젤');

      // An outcome of an earlier forum, recorded by the founder ...
      const visitor = await browser.newContext({ javaScriptEnabled });
      const vpage = await visitor.newPage();
      const confirmed = async () => {
        await vpage.goto('/impact');
        const stat = vpage.locator('.impact-stats > div', { hasText: '확인된 성과' }).locator('dd');
        return Number(await stat.innerText());
      };
      const before = await confirmed();
      await fpage.goto('/companies/tansoon/outcomes');
      await fpage.getByLabel('성과 종류').selectOption('supply_contract');
      await fpage.getByLabel('금액 (원)').fill('3억');
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Seoul' });
      await fpage.getByLabel('성과 일자').fill(today);
      await fpage.getByLabel('상대방').selectOption('large_company');
      const evidence = `${variant} 공급계약서 사본`;
      await fpage.getByLabel('증빙 메모').fill(evidence);
      await fpage.getByRole('checkbox', { name: /제5회/ }).check();
      await fpage.getByRole('button', { name: '성과 기록' }).click();
      await expect(fpage.getByText('운영자가 확인하면 집계됩니다.')).toBeVisible();
      expect(await confirmed()).toBe(before);

      // ... counts once the admin confirms it.
      await page.goto('/admin/outcomes');
      await page.getByRole('row', { name: new RegExp(evidence) }).getByRole('button', { name: '확인', exact: true }).click();
      await expect(page.getByText('처리했습니다.')).toBeVisible();
      expect(await confirmed()).toBe(before + 1);
      await expect(vpage.getByRole('heading', { name: '미니클러스터별' })).toBeVisible();
      await expect(vpage.locator('.column-chart svg')).toBeVisible();
      const csv = await vpage.request.get('/impact.csv');
      expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');

      expect(errors).toEqual([]);
      await visitor.close();
      await founder.context.close();
      await admin.context.close();
    });
  });
}
