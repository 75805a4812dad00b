// Screenshots of the deal-flow and readiness pages at a desktop and a phone
// width, signed in through the real form, plus an axe-core run on each page.
//
//   node end2end/screenshots.mjs [base-url] [out-dir]
//
// Defaults: http://127.0.0.1:3000 and /tmp/shots. Needs a running server
// with the demo data (`./.ci/start`) and Debian's Chromium.
import { chromium } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? '/tmp/shots';
const password = 'pitchbridge-demo';
mkdirSync(out, { recursive: true });

const widths = [
  ['desktop', 1280, 900],
  ['phone', 360, 780],
];

// who, pages ([name, path]); a path of null is found on the page (the club pipeline).
const journeys = [
  [
    'investor@demo.pitchbridge.kr',
    [
      ['company', '/companies/tansoon'],
      ['search', '/companies?q=%ED%83%84%EC%86%8C'],
      ['deals', '/deals'],
      ['pipeline', '/deals/pipeline'],
      ['club-pipeline', null],
      ['feed', '/feed'],
      ['account-investor', '/account'],
      // The demo forums are made in order: two past ones, then the open one.
      ['forums', '/forums'],
      ['forum-open', '/forums/3'],
      ['forum-past', '/forums/1'],
      ['scorecard', '/forums/1/scorecards/tansoon'],
      ['impact', '/impact'],
    ],
  ],
  [
    'founder@demo.pitchbridge.kr',
    [
      ['interest', '/companies/tansoon/interest'],
      ['forum-founder', '/forums/3'],
      ['forum-feedback', '/forums/1'],
      ['outcomes', '/companies/tansoon/outcomes'],
      ['readiness', '/companies/tansoon/readiness?checklist=crowdfunding'],
    ],
  ],
  [
    'consultant@demo.pitchbridge.kr',
    [
      ['portfolio', '/consulting'],
      ['readiness-consultant', '/companies/thermolink/readiness'],
    ],
  ],
  [
    'admin@demo.pitchbridge.kr',
    [
      ['portfolio-admin', '/consulting'],
      ['templates', '/admin/templates'],
      ['admin-forums', '/admin/forums'],
      ['admin-forum-past', '/admin/forums/1'],
      ['admin-forum-scores', '/admin/forums/2'],
      ['admin-outcomes', '/admin/outcomes'],
      ['admin-forum-open', '/admin/forums/3'],
      ['admin-forum-new', '/admin/forums/new'],
      ['template-edit', '/admin/templates/angel'],
      [
        'plan-check',
        '/readiness/crowdfunding-plan?opened_on=2015-01-01&ksic=20499&target=5%EC%96%B5&prior_equity=27%EC%96%B5&start=2027-03-02&end=2027-03-11&doc=terms&doc=risks',
      ],
    ],
  ],
];

async function signIn(page, email) {
  await page.goto(`${base}/signin?next=%2Faccount`);
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(password);
  await Promise.all([
    page.waitForURL(/\/account$/),
    page.getByRole('button', { name: '로그인' }).last().click(),
  ]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
let failures = 0;
for (const [email, pages] of journeys) {
  const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  const page = await context.newPage();
  await signIn(page, email);
  for (const [name, given] of pages) {
    let path = given;
    if (path === null) {
      await page.goto(`${base}/deals`);
      path = await page.locator('a[href^="/clubs/"][href$="/pipeline"]').first().getAttribute('href');
    }
    for (const [label, width, height] of widths) {
      await page.setViewportSize({ width, height });
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('load');
      const file = join(out, `${name}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      console.log(`${file}${overflow > 0 ? `  PAGE OVERFLOWS BY ${overflow}px` : ''}`);
      if (overflow > 0) failures++;
    }
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations) {
      failures++;
      console.log(`  axe ${path}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  await context.close();
}
await browser.close();
process.exit(failures ? 1 : 0);
