import { expect, test, type Page } from '@playwright/test';
import { signedIn, watchErrors } from './helpers';

// The admin edits the angel readiness template: a weight changed, an item
// added in a blank row, saved as the next version; the list then shows it
// as the latest, with the earlier version still there. With and without
// JavaScript (every form is a plain post either way). Both variants edit
// the same template, so they run one after the other and each reads the
// version it starts from.
test.describe.configure({ mode: 'serial' });

const ADMIN = 'admin@demo.pitchbridge.kr';
const TEMPLATE = '엔젤투자 준비도';

function card(page: Page) {
  return page.locator('.template-card', { has: page.getByRole('heading', { name: TEMPLATE, exact: true }) });
}

/** "최신 v3" of the template's card, as a number. */
async function latestVersion(page: Page): Promise<number> {
  const text = await card(page).locator('.badge').first().innerText();
  return Number(/v(\d+)/.exec(text)?.[1] ?? NaN);
}

for (const javaScriptEnabled of [true, false]) {
  const variant = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  // A title of each variant's own: a template has no title twice.
  const added = javaScriptEnabled ? '주주간 계약' : '투자계약서 검토';
  const addedEn = javaScriptEnabled ? "Shareholders' agreement" : 'Investment agreement review';
  const weight = javaScriptEnabled ? '7' : '8';

  test.describe(variant, () => {
    test.use({ javaScriptEnabled });

    test('an admin changes a weight and adds an item: a new version', async ({ browser }) => {
      const admin = await signedIn(browser, ADMIN, javaScriptEnabled, '/admin/users');
      const page = admin.page;
      const errors = watchErrors(page);
      await page.getByRole('navigation', { name: '관리 메뉴' }).getByRole('link', { name: '템플릿' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('체크리스트 템플릿');
      const before = await latestVersion(page);
      expect(before).toBeGreaterThanOrEqual(1);
      await expect(card(page).locator('tbody tr')).toHaveCount(before);

      await card(page).getByRole('link', { name: '최신 버전 편집' }).click();
      await expect(page).toHaveURL(/\/admin\/templates\/angel$/);
      await expect(page.locator('.template-form__title')).toHaveText(`${TEMPLATE} · v${before} 기준으로 편집`);

      // The first item's weight, as its row shows it.
      const first = page.getByRole('group', { name: '1. 법인 실체', exact: true });
      await first.getByLabel('가중치').fill(weight);

      // A new item in the first blank row.
      const blank = page.getByRole('group', { name: '새 항목 1', exact: true });
      await blank.getByLabel('그룹').selectOption({ label: '엔젤투자 조건' });
      await blank.getByLabel('가중치').fill('4');
      await blank.getByLabel('제목 (한국어)').fill(added);
      await blank.getByLabel('제목 (영어)').fill(addedEn);
      await blank.getByLabel('필요 증빙 (한국어)').fill('계약서 초안');
      await blank.getByLabel('필요 증빙 (영어)').fill('Draft agreement');
      await page.getByRole('button', { name: '새 버전으로 저장' }).click();

      // Back on the form, told the new number; the form is the new version.
      const saved = before + 1;
      await expect(page.locator('.notice--success')).toHaveText(
        `새 버전(v${saved})을 저장했습니다. 새로 시작하는 체크리스트부터 적용됩니다.`,
      );
      await expect(page.locator('.template-form__title')).toHaveText(`${TEMPLATE} · v${saved} 기준으로 편집`);
      await expect(page.getByRole('group', { name: '1. 법인 실체', exact: true }).getByLabel('가중치')).toHaveValue(weight);
      await expect(page.getByRole('group', { name: added }).getByLabel('제목 (한국어)')).toHaveValue(added);

      // The list: the new version is the latest, the earlier ones remain.
      await page.getByRole('link', { name: '템플릿 목록' }).click();
      expect(await latestVersion(page)).toBe(saved);
      await expect(card(page).locator('tbody tr')).toHaveCount(saved);
      await card(page).getByRole('row', { name: new RegExp(`^v${before}\\b`) }).getByRole('link', { name: '보기' }).click();
      await expect(page.getByText(`이전 버전입니다. 최신 버전은 v${saved}입니다.`)).toBeVisible();
      expect(errors).toEqual([]);
      await admin.context.close();
    });
  });
}

test('a row left half filled is refused by name and nothing is saved', async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN, false, '/admin/templates');
  const page = admin.page;
  const before = await latestVersion(page);
  await page.goto('/admin/templates/angel');
  // Weight and titles, but the evidence left blank: the browser lets a
  // blank row through, the server names what is missing.
  const blank = page.getByRole('group', { name: '새 항목 2', exact: true });
  await blank.getByLabel('가중치').fill('3');
  await blank.getByLabel('제목 (한국어)').fill('반쯤 쓴 항목');
  await blank.getByLabel('제목 (영어)').fill('Half-written item');
  await page.getByRole('button', { name: '새 버전으로 저장' }).click();
  const alert = page.locator('.notice--danger');
  await expect(alert).toContainText('필요 증빙 (한국어): 필수 항목입니다.');
  await expect(alert).toContainText('저장하지 않았습니다.');
  await page.goto('/admin/templates');
  expect(await latestVersion(page)).toBe(before);
  await admin.context.close();
});
