// The client side of `.ci/scale`: requests against three app processes
// (directly) and nginx in front of them. One mode per run:
//
//   shared      a session made on one process works on the others; rate
//               limits are shared; a write on one is read on another
//   kill-load   load through nginx while the script kills a process: every
//               GET must succeed; the titles of the writes the client was
//               told succeeded go to --writes-file for the database check
//   db-restart  load through nginx while the script restarts PostgreSQL:
//               every answer is a page or a clean 503 with a translated
//               message, and the last seconds are all pages again
//
// node end2end/scale-check.mjs <mode> --proxy URL --apps URL,URL,URL
//   [--seconds N] [--writes-file FILE]
import { writeFileSync } from "node:fs";

const args = process.argv.slice(2);
const mode = args[0];
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const proxy = option("proxy");
const apps = option("apps", "").split(",").filter(Boolean);
const seconds = Number(option("seconds", "8"));
const FOUNDER = "founder@demo.pitchbridge.kr";
const PASSWORD = "pitchbridge-demo";

function fail(message) {
  console.error(`FAILED: ${message}`);
  process.exit(1);
}

async function post(base, path, form, cookie) {
  const headers = {
    accept: "application/json",
    "content-type": "application/x-www-form-urlencoded",
  };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(base + path, {
    method: "POST",
    headers,
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function signIn(base) {
  const res = await post(base, "/api/auth/sign-in", { email: FOUNDER, password: PASSWORD });
  const cookie = (res.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("pb_session="));
  if (res.status !== 200 || !cookie) fail(`sign-in on ${base}: ${res.status} ${res.text}`);
  return cookie;
}

function postUpdate(base, cookie, title) {
  return post(
    base,
    "/api/companies/post-update",
    { slug: "tansoon", "form[kind]": "news", "form[title]": title, "form[body]": "scale-out test" },
    cookie,
  );
}

async function shared() {
  // 1. A session made on the first process is valid on the others.
  const cookie = await signIn(apps[0]);
  for (const app of apps.slice(1)) {
    const me = await post(app, "/api/account/me", {}, cookie);
    if (me.status !== 200 || JSON.parse(me.text).email !== FOUNDER) {
      fail(`the session from ${apps[0]} is not valid on ${app}: ${me.status} ${me.text}`);
    }
  }
  console.log(`session made on ${apps[0]} valid on ${apps.length - 1} other processes`);

  // 2. Ten wrong passwords for one account, spread over the processes;
  // the next attempts are refused on every process.
  const email = `nobody-${Date.now()}@example.com`;
  const statuses = [];
  for (let k = 0; k < 13; k++) {
    const res = await post(apps[k % apps.length], "/api/auth/sign-in", {
      email,
      password: "wrong-password-1",
    });
    statuses.push(res.status);
  }
  const expected = [...Array(10).fill(401), 429, 429, 429];
  if (JSON.stringify(statuses) !== JSON.stringify(expected)) {
    fail(`sign-in attempts across processes answered ${statuses}, expected ${expected}`);
  }
  console.log(`rate limit shared: attempts 1-10 401, 11-13 429 on all ${apps.length} processes`);

  // 3. A write on one process is read on another at once.
  const title = `scale-shared-${Date.now()}`;
  const written = await postUpdate(apps[0], cookie, title);
  if (written.status !== 200) fail(`posting an update: ${written.status} ${written.text}`);
  const page = await fetch(`${apps[apps.length - 1]}/companies/tansoon`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes(title)) {
    fail(`the update written on ${apps[0]} is not on ${apps[apps.length - 1]}'s company page`);
  }
  console.log(`update written on ${apps[0]} shown by ${apps[apps.length - 1]}`);
}

const PAGES = ["/companies", "/companies/tansoon", "/companies?q=%ED%83%84%EC%86%8C", "/"];

async function killLoad() {
  const cookie = await signIn(proxy);
  const deadline = Date.now() + seconds * 1000;
  let reads = 0;
  const failedReads = [];
  const confirmed = [];
  const failedWrites = [];
  const reader = async (w) => {
    for (let n = w; Date.now() < deadline; n++) {
      const path = PAGES[n % PAGES.length];
      try {
        const res = await fetch(proxy + path);
        await res.arrayBuffer();
        if (res.status === 200) reads++;
        else failedReads.push(`${path}: ${res.status}`);
      } catch (err) {
        failedReads.push(`${path}: ${err.cause?.code ?? err.message}`);
      }
    }
  };
  const writer = async (w) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const title = `scale-w${w}-${n}`;
      try {
        const res = await postUpdate(proxy, cookie, title);
        if (res.status === 200) confirmed.push(title);
        else failedWrites.push(`${title}: ${res.status}`);
      } catch (err) {
        failedWrites.push(`${title}: ${err.cause?.code ?? err.message}`);
      }
    }
  };
  await Promise.all([
    ...Array.from({ length: 12 }, (_, w) => reader(w)),
    ...Array.from({ length: 2 }, (_, w) => writer(w)),
  ]);
  writeFileSync(option("writes-file"), confirmed.map((t) => `${t}\n`).join(""));
  console.log(
    `${reads} pages read, ${failedReads.length} failed; ${confirmed.length} writes confirmed, ` +
      `${failedWrites.length} refused (${failedWrites.slice(0, 3).join("; ") || "none"})`,
  );
  if (failedReads.length > 0) fail(`reads lost: ${failedReads.slice(0, 5).join("; ")}`);
}

async function dbRestart() {
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const answers = [];
  const worker = async (w) => {
    for (let n = w; Date.now() < deadline; n++) {
      const path = PAGES[n % 2];
      const at = Date.now() - started;
      try {
        const res = await fetch(proxy + path, { headers: { "accept-language": "ko" } });
        const body = await res.text();
        answers.push({ at, path, status: res.status, type: res.headers.get("content-type"), body });
      } catch (err) {
        answers.push({ at, path, status: 0, body: String(err.cause?.code ?? err.message) });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await Promise.all(Array.from({ length: 4 }, (_, w) => worker(w)));
  const count = (status) => answers.filter((a) => a.status === status).length;
  const unclean = answers.filter(
    (a) =>
      !(a.status === 200 || (a.status === 503 && a.type?.startsWith("text/html") && /[가-힣]/.test(a.body))),
  );
  const lastFailure = Math.max(-1, ...answers.filter((a) => a.status !== 200).map((a) => a.at));
  const tail = answers.filter((a) => a.at > lastFailure);
  // Second by second: pages/503s/others, to see the outage.
  const seconds_ = Array.from({ length: seconds }, (_, i) => {
    const inSecond = answers.filter((a) => Math.floor(a.at / 1000) === i);
    const n = (f) => inSecond.filter(f).length;
    return `${n((a) => a.status === 200)}/${n((a) => a.status === 503)}/${n((a) => a.status !== 200 && a.status !== 503)}`;
  });
  console.log(`per second (pages/503/other): ${seconds_.join(" ")}`);
  console.log(
    `${answers.length} answers: ${count(200)} pages, ${count(503)} clean 503s, ${unclean.length} other; ` +
      `last failure at ${(lastFailure / 1000).toFixed(1)} s of ${seconds} s, ${tail.length} pages after it`,
  );
  if (unclean.length > 0) {
    const a = unclean[0];
    fail(`not a page or a clean 503: ${a.path} ${a.status} ${a.type} ${a.body.slice(0, 200)}`);
  }
  if (count(503) === 0) fail("no request noticed the database going away: nothing was tested");
  if (lastFailure > (seconds - 3) * 1000 || tail.length < 20) {
    fail("the processes did not recover within the run");
  }
}

const modes = { shared, "kill-load": killLoad, "db-restart": dbRestart };
if (!modes[mode] || !proxy || apps.length < 2) {
  fail("usage: scale-check.mjs shared|kill-load|db-restart --proxy URL --apps URL,URL,URL");
}
await modes[mode]();
