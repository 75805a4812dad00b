import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

// The portal under test. By default Playwright starts the release server on
// a fresh SQLite file with the demo data; `cargo leptos end-to-end` (or any
// server already listening at PITCHBRIDGE_E2E_URL) is reused instead.
const port = process.env.PITCHBRIDGE_E2E_PORT ?? '3000';
const baseURL = process.env.PITCHBRIDGE_E2E_URL ?? `http://127.0.0.1:${port}`;
const repo = path.resolve(__dirname, '..');
const serverBin =
  process.env.PITCHBRIDGE_SERVER_BIN ?? path.join(repo, 'target', 'release', 'server');
const dataDir = path.join(os.tmpdir(), `pitchbridge-e2e-${process.pid}`);
// A real SMTP server (aiosmtpd, installed by .ci/lib.sh) that writes each
// message it receives to a file; the journeys read what arrived.
const smtpPort = process.env.PITCHBRIDGE_E2E_SMTP_PORT ?? String(Number(port) + 25);
// Workers evaluate this file again in their own process but inherit the
// runner's environment: the runner's choice is how they find the mail.
process.env.PITCHBRIDGE_E2E_MAIL_DIR ??= path.join(os.tmpdir(), `pitchbridge-e2e-mail-${process.pid}`);
const mailDir = process.env.PITCHBRIDGE_E2E_MAIL_DIR;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: path.join(os.tmpdir(), 'pitchbridge-e2e-results'),
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `python3 "${path.join(repo, 'server', 'tests', 'support', 'smtp_sink.py')}" ${smtpPort} "${mailDir}"`,
      port: Number(smtpPort),
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `"${serverBin}" --demo --data-dir "${dataDir}" --addr 127.0.0.1:${port} --site-root "${path.join(repo, 'target', 'site')}"`,
      url: `${baseURL}/healthz`,
      env: {
        PITCHBRIDGE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        PITCHBRIDGE_MAIL_POLL_SECONDS: '1',
        PITCHBRIDGE_PUBLIC_URL: baseURL,
      },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
