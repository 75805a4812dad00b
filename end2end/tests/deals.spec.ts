import { expect, test, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signedIn, watchErrors } from './helpers';

// Deal flow journeys on the demo data, each with JavaScript and without:
// the deal pages hold no islands, so both must behave the same. They share
// the demo accounts' feeds and pipelines, so they run one after another.
test.describe.configure({ mode: 'serial' });

const INVESTOR = 'investor@demo.pitchbridge.kr';
const MATE = 'mate@demo.pitchbridge.kr';
const OTHER_CLUB = 'otherclub@demo.pitchbridge.kr';
const FOUNDER = 'founder@demo.pitchbridge.kr';


/** "3건 · 1억 2,000만원" of a pipeline column, as numbers of deals. */
async function columnCount(page: Page, stage: string): Promise<number> {
  const text = await page.locator(`section[aria-labelledby="col-${stage}"] .board__stats`).innerText();
  return Number(/(\d+)건/.exec(text)?.[1] ?? NaN);
}

async function columnSum(page: Page, stage: string): Promise<string> {
  return page.locator(`section[aria-labelledby="col-${stage}"] .board__stats .money`).innerText();
}

async function unreadBadge(page: Page): Promise<number> {
  const badge = page.locator('.account-menu__feed .count-badge');
  if ((await badge.count()) === 0) return 0;
  return Number((await badge.innerText()).replace('+', ''));
}

async function postUpdate(page: Page, title: string) {
  await page.goto('/companies/tansoon');
  await page.getByText('소식 올리기', { exact: true }).first().click();
  await page.getByLabel('제목').fill(title);
  await page.getByLabel('내용').fill('월 1,000개 양산 설비를 가동했습니다.');
  await page.getByRole('button', { name: '소식 올리기' }).click();
  // The page comes back with the update in its list (the form folds away).
  await expect(page.getByText(title).first()).toBeVisible();
}

/** Decodes a MIME part's body by its Content-Transfer-Encoding. */
function decodeBody(headers: string, body: string): string {
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** RFC 2047 words (`=?utf-8?b?...?=`) in a header, decoded. Adjacent
 * words are joined as bytes first: one character may span two words. */
function decodeHeader(value: string): string {
  const word = /=\?utf-8\?([bq])\?([^?]*)\?=/gi;
  const bytes = (kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        );
  return value.replace(/(=\?utf-8\?[bq]\?[^?]*\?=\s*)+/gi, (run) => {
    const parts = [...run.matchAll(word)].map((m) => bytes(m[1], m[2]));
    const trailing = /\s*$/.exec(run)?.[0] ?? '';
    return Buffer.concat(parts).toString('utf8') + trailing;
  });
}

/** The messages the test SMTP server received for `to`: subject and text. */
function mailTo(to: string): { subject: string; text: string }[] {
  const dir = process.env.PITCHBRIDGE_E2E_MAIL_DIR;
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .filter((raw) => raw.startsWith(`X-Envelope-To: ${to}`) || raw.split('\r\n')[0].includes(to))
    .map((raw) => {
      const split = raw.indexOf('\r\n\r\n');
      const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
      const subject = decodeHeader(/^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '');
      return { subject, text: decodeBody(headers, raw.slice(split + 4)) };
    });
}

for (const javaScriptEnabled of [true, false]) {
  const variant = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test.describe(`deal flow ${variant}`, () => {
    test.use({ javaScriptEnabled });

    test('an investor follows, the founder posts an update, and the feed shows it unread', async ({ browser }) => {
      // With JS: 서포항 follows 탄소온 from its page. Without: 한동료 (who
      // tracks 탄소온 already) follows another company from its card.
      const { context: investorContext, page: investor } = await signedIn(
        browser,
        javaScriptEnabled ? OTHER_CLUB : MATE,
        javaScriptEnabled,
        javaScriptEnabled ? '/companies/tansoon' : '/companies?q=%ED%9E%88%ED%8A%B8',
      );
      const errors = watchErrors(investor);
      if (javaScriptEnabled) {
        await investor.getByRole('button', { name: '팔로우', exact: true }).click();
        await expect(investor.getByText('팔로우 중').first()).toBeVisible();
      } else {
        const card = investor.locator('article.company-card', { hasText: '히트리버' });
        await card.getByRole('button', { name: /팔로우$/ }).click();
        await expect(investor).toHaveURL(/\/companies/);
        await expect(
          investor.locator('article.company-card', { hasText: '히트리버' }).getByText('팔로우 중'),
        ).toBeVisible();
      }
      const before = await unreadBadge(investor);

      const { context: founderContext, page: founder } = await signedIn(
        browser,
        FOUNDER,
        javaScriptEnabled,
        '/companies/tansoon',
      );
      const title = `양산 시작 (${variant})`;
      await postUpdate(founder, title);

      await investor.goto('/deals');
      expect(await unreadBadge(investor)).toBeGreaterThan(before);
      await investor.locator('a.account-menu__feed').click();
      await expect(investor).toHaveURL(/\/feed$/);
      await expect(investor.getByText(`새 소식: ${title}`)).toBeVisible();
      await investor.getByRole('button', { name: '모두 읽음으로 표시' }).click();
      await expect(investor.getByText('모두 읽음으로 표시했습니다.')).toBeVisible();
      expect(await unreadBadge(investor)).toBe(0);
      // The back button returns to the list the reader came from.
      await investor.goBack();
      await expect(investor).toHaveURL(/\/(deals|feed)/);
      expect(errors).toEqual([]);
      await investorContext.close();
      await founderContext.close();
    });

    test('a company moves up the ladder and the pipeline sums follow', async ({ browser }) => {
      const { context, page } = await signedIn(browser, INVESTOR, javaScriptEnabled, '/deals/pipeline');
      const errors = watchErrors(page);
      if (javaScriptEnabled) {
        // 써모링크: due diligence → intends (1억) → invested (1억, today).
        const investedBefore = await columnCount(page, 'invested');
        await page.goto('/companies/thermolink');
        await page.getByLabel('단계', { exact: true }).selectOption('intends');
        await page.getByLabel('금액', { exact: true }).fill('1억');
        await page.getByRole('button', { name: '기록하기' }).click();
        await expect(page.getByText('단계를 기록했습니다.')).toBeVisible();
        await page.getByLabel('단계', { exact: true }).selectOption('invested');
        await page.getByLabel('금액', { exact: true }).fill('1억');
        const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul' }).format(new Date());
        await page.getByLabel('투자일').fill(today);
        await page.getByRole('button', { name: '기록하기' }).click();
        await expect(page.getByText('단계를 기록했습니다.')).toBeVisible();
        await expect(page.locator('.deal-panel').getByText('투자 완료').first()).toBeVisible();
        await page.goto('/deals/pipeline');
        expect(await columnCount(page, 'invested')).toBe(investedBefore + 1);
        await expect(
          page.locator('section[aria-labelledby="col-invested"]').getByRole('link', { name: '써모링크' }),
        ).toBeVisible();
      } else {
        // 케어밴드: watching → due diligence from the pipeline card's form.
        const watchingBefore = await columnCount(page, 'watching');
        const ddBefore = await columnCount(page, 'due_diligence');
        const card = page.locator('li.deal-card', { hasText: '케어밴드' });
        await card.locator('summary').click();
        await card.getByLabel('단계', { exact: true }).selectOption('due_diligence');
        await card.getByRole('button', { name: '이동' }).click();
        await expect(page).toHaveURL(/\/deals\/pipeline/);
        expect(await columnCount(page, 'watching')).toBe(watchingBefore - 1);
        expect(await columnCount(page, 'due_diligence')).toBe(ddBefore + 1);
        // A move back without a note is explained and changes nothing.
        const moved = page.locator('li.deal-card', { hasText: '케어밴드' });
        await moved.locator('summary').click();
        await moved.getByLabel('단계', { exact: true }).selectOption('watching');
        await moved.getByRole('button', { name: '이동' }).click();
        await expect(page.getByRole('alert').first()).toBeVisible();
        expect(await columnCount(page, 'due_diligence')).toBe(ddBefore + 1);
      }
      expect(errors).toEqual([]);
      await context.close();
    });

    test('a club mate reads a note that an investor of another club cannot', async ({ browser }) => {
      const note = `공장 실사 결과 양호 (${variant})`;
      const slug = javaScriptEnabled ? 'carbonrix' : 'gamnarae-bio';
      const { context: authorContext, page: author } = await signedIn(browser, INVESTOR, javaScriptEnabled, `/companies/${slug}`);
      await author.getByLabel('새 메모 (마크다운)').fill(`**${note}**`);
      await author.getByRole('button', { name: '메모 남기기' }).click();
      await expect(author.locator(".club-note strong", { hasText: note })).toBeVisible();

      const { context: mateContext, page: mate } = await signedIn(browser, MATE, javaScriptEnabled, `/companies/${slug}`);
      await expect(mate.getByText(note)).toBeVisible();
      // A mate reads it but gets no edit or delete buttons for it.
      const item = mate.locator(".club-note", { hasText: note });
      await expect(item.getByRole('button', { name: '삭제' })).toHaveCount(0);

      const { context: otherContext, page: other } = await signedIn(browser, OTHER_CLUB, javaScriptEnabled, `/companies/${slug}`);
      await expect(other.getByRole('heading', { name: '투자 관심' })).toBeVisible();
      expect(await other.content()).not.toContain(note);
      for (const context of [authorContext, mateContext, otherContext]) await context.close();
    });

    test('the founder sees a meeting request, answers it, and the investor sees the answer', async ({ browser }) => {
      const message = '다음 주 화요일에 구미 공장을 보고 싶습니다.';
      // With JS: 서포항 asks for a meeting now and the founders get an
      // e-mail. Without: the founder answers the demo request of 박엔젤.
      const asker = javaScriptEnabled ? OTHER_CLUB : INVESTOR;
      const { context: investorContext, page: investor } = await signedIn(
        browser,
        asker,
        javaScriptEnabled,
        javaScriptEnabled ? '/companies/tansoon' : '/feed',
      );
      if (javaScriptEnabled) {
        await investor.getByLabel('단계', { exact: true }).selectOption('meeting_requested');
        await investor.getByLabel('창업팀에 보낼 메시지').fill(message);
        await investor.getByRole('button', { name: '기록하기' }).click();
        await expect(investor.getByText('단계를 기록했습니다.')).toBeVisible();
        // The outbox worker sends within seconds to the test SMTP server.
        await expect
          .poll(() => mailTo(FOUNDER).filter((m) => m.text.includes(message)).length, { timeout: 30_000 })
          .toBe(1);
        const mail = mailTo(FOUNDER).find((m) => m.text.includes(message))!;
        expect(mail.subject).toContain('미팅');
        expect(mail.subject).toContain('포항엔젤클럽');
        expect(mail.text).toContain('/companies/tansoon/interest');
      }

      const { context: founderContext, page: founder } = await signedIn(
        browser,
        FOUNDER,
        javaScriptEnabled,
        '/companies/tansoon/interest',
      );
      const request = founder.locator('.meeting', { hasText: javaScriptEnabled ? message : '박엔젤' }).first();
      await expect(request).toBeVisible();
      const note = javaScriptEnabled ? '공장 회의실에서 뵙겠습니다.' : '이번 분기는 일정이 어려워 다음에 연락드리겠습니다.';
      if (javaScriptEnabled) {
        await request.getByLabel(/수락/).check();
        const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
        const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul' }).format(nextWeek);
        await request.locator('input[type="datetime-local"]').fill(`${local}T14:00`);
      } else {
        await request.getByRole('radio', { name: '거절', exact: true }).check();
      }
      await request.getByRole('textbox', { name: /메모/ }).fill(note);
      await request.getByRole('button', { name: '답변 보내기' }).click();
      await expect(founder.getByText('답변을 보냈습니다. 투자자의 피드에 표시됩니다.')).toBeVisible();

      await investor.goto('/feed');
      await expect(investor.getByText(note)).toBeVisible();
      await investorContext.close();
      await founderContext.close();
    });

    test('the pipeline CSV opens with Korean names and amounts', async ({ browser }) => {
      const { context, page } = await signedIn(browser, INVESTOR, javaScriptEnabled, '/deals/pipeline');
      // The link's file, fetched with the page's session as the browser's
      // download would (headless Debian Chromium cancels real downloads).
      const link = page.getByRole('link', { name: 'CSV 내려받기' });
      await expect(link).toHaveAttribute('download', '');
      const response = await page.request.get((await link.getAttribute('href'))!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('text/csv');
      expect(response.headers()['content-disposition']).toContain('attachment');
      const bytes = await response.body();
      // UTF-8 with BOM, so Excel reads the Korean.
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      const [header, ...rows] = text.trim().split('\r\n');
      expect(header).toContain('기업');
      const carbonrix = rows.find((r) => r.includes('카본릭스'));
      expect(carbonrix, text).toBeTruthy();
      // Integer won and the formatted amount side by side.
      expect(carbonrix).toMatch(/,\d{7,},/);
      expect(carbonrix).toMatch(/억|만원/);
      expect(carbonrix).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00/);
      await context.close();
    });
  });
}
