import { expect, test } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

// The browser bundle (wasm + its JS glue) must stay small: every island
// added to the app grows it. Measured on the release build under test.
const BUDGET_GZIP_BYTES = 250 * 1024;
const pkg = path.resolve(__dirname, '..', '..', 'target', 'site', 'pkg');

test('the browser bundle stays within 250 KB gzip', () => {
  const files = (fs.readdirSync(pkg, { recursive: true }) as string[]).filter((f) => /\.(wasm|js)$/.test(f));
  expect(files.some((f) => f.endsWith('.wasm')), `no wasm in ${pkg}`).toBe(true);
  let raw = 0;
  let gzip = 0;
  const lines: string[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(pkg, file));
    const zipped = zlib.gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += zipped;
    lines.push(`${file}: ${bytes.length} B raw, ${zipped} B gzip`);
  }
  const kb = (n: number) => (n / 1024).toFixed(1);
  const summary = `bundle ${kb(raw)} KB raw, ${kb(gzip)} KB gzip (budget ${kb(BUDGET_GZIP_BYTES)} KB gzip)`;
  console.log([...lines, summary].join('\n'));
  expect(gzip, summary).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
});
