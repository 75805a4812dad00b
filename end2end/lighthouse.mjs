// Lighthouse (mobile preset: Moto G Power emulation, simulated slow 4G and
// 4x CPU slowdown) on the pages investors and founders open most, with
// Debian's Chromium. A measurement, not a test: the scores depend on the
// machine, so they are printed for the README rather than asserted in CI.
// It exits non-zero when a page falls below Performance 95 or
// Accessibility 100, so a regression is hard to miss when it is run.
//
//   node end2end/lighthouse.mjs [base-url]    (default http://127.0.0.1:3000,
//                                              a server started with --demo)
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? process.env.PITCHBRIDGE_URL ?? 'http://127.0.0.1:3000';
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const MIN_PERFORMANCE = 95;
const MIN_ACCESSIBILITY = 100;

/** The founder's session cookie, signed in through the real form. */
async function founderCookie() {
  const browser = await chromium.launch({ executablePath: chromePath, args: flags });
  const page = await browser.newPage();
  await page.goto(`${base}/signin?next=%2Faccount`);
  await page.getByLabel('이메일').fill('founder@demo.pitchbridge.kr');
  await page.getByLabel('비밀번호').fill('pitchbridge-demo');
  await page.getByRole('button', { name: '로그인' }).last().click();
  await page.waitForURL(/\/account$/);
  const cookies = await page.context().cookies();
  await browser.close();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

const pages = [
  { name: 'landing', path: '/' },
  { name: 'directory', path: '/companies' },
  { name: 'search 탄소', path: '/companies?q=%ED%83%84%EC%86%8C' },
  { name: 'company page', path: '/companies/tansoon' },
  { name: 'pitch editor (founder)', path: '/companies/tansoon/pitch', signedIn: true },
];

const cookie = await founderCookie();
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: flags });
const rows = [];
try {
  for (const { name, path, signedIn } of pages) {
    const result = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      extraHeaders: signedIn ? { Cookie: cookie } : undefined,
    });
    const { categories, audits } = result.lhr;
    const failing = Object.values(audits)
      .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0)
      .map((a) => a.id);
    rows.push({
      page: name,
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      'FCP ms': Math.round(audits['first-contentful-paint'].numericValue),
      'LCP ms': Math.round(audits['largest-contentful-paint'].numericValue),
      'TBT ms': Math.round(audits['total-blocking-time'].numericValue),
      CLS: Number(audits['cumulative-layout-shift'].numericValue.toFixed(3)),
      'failed audits': failing.join(' '),
    });
  }
} finally {
  await chrome.kill();
}
console.table(rows);
const low = rows.filter((r) => r.performance < MIN_PERFORMANCE || r.accessibility < MIN_ACCESSIBILITY);
if (low.length) {
  console.error(`below Performance ${MIN_PERFORMANCE} / Accessibility ${MIN_ACCESSIBILITY}: ${low.map((r) => r.page).join(', ')}`);
  process.exit(1);
}
