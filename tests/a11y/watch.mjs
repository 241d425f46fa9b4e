// `sroi watch` in a real browser (Debian's headless Chromium, /usr/bin/chromium):
// starts `sroi watch` on a copy of an example, opens the page, rewrites the
// file with a new title and waits for the page's <h1> to show it, timing
// each change from the end of the write to the first frame of the new page;
// then breaks the file (the page must show the located error, and pass
// axe-core), fixes it (the report comes back), and stops the server with
// Ctrl-C (it must exit 0). The page may run no script but its own live-reload
// one (no Content-Security-Policy violation) and ask nothing of the network
// but the server.
// Usage: node watch.mjs [--sroi target/debug/sroi] [--runs 5]
// Prints each time and their median; exits 1 on any failure.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
};
const sroi = resolve(root, option('--sroi', 'target/debug/sroi'));
const runs = Number(option('--runs', '5'));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Nothing may hang CI: the whole check gets two minutes.
setTimeout(() => { console.error('FAIL watch: timed out after 120 s'); process.exit(1); }, 120_000).unref();

const dir = mkdtempSync(join(tmpdir(), 'sroi-watch-'));
const file = join(dir, 'analysis.yaml');
copyFileSync(join(root, 'fixtures/youth-into-work.yaml'), file);
const original = readFileSync(file, 'utf8');
const oldTitle = 'Youth Into Work 2025/26';
if (!original.includes(`title: ${oldTitle}`)) throw new Error('the fixture has changed its title');
const titled = (title) => original.replace(`title: ${oldTitle}`, `title: ${title}`);

const server = spawn(sroi, ['watch', file, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600', NO_COLOR: '1' },
});
let said = '';
server.stderr.on('data', (chunk) => { said += chunk; });
const exited = new Promise((done) => server.on('exit', (code, signal) => done({ code, signal })));
const url = await new Promise((done, fail) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const found = /^serving (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C to stop\)$/m.exec(out);
    if (found) done(found[1]);
  });
  server.on('exit', () => fail(new Error(`sroi watch ended before serving:\n${said}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-quic'],
});
const problems = [];
let failed = false;
try {
  const page = await browser.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith(url) && !request.url().startsWith('data:')) problems.push(`network request: ${request.url()}`);
  });
  // Each new document reports its <h1> at its first frame, and any policy violation.
  const seen = [];
  let waiting = null;
  await page.exposeBinding('sroiSeen', (_source, heading) => {
    seen.push({ heading, at: performance.now() });
    if (waiting) waiting();
  });
  await page.exposeBinding('sroiViolation', (_source, what) => { problems.push(`CSP violation: ${what}`); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.sroiViolation(`${e.violatedDirective} ${e.blockedURI}`));
    document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
      const h1 = document.querySelector('h1');
      window.sroiSeen(h1 ? h1.textContent.trim() : '');
    }));
  });
  // Resolves with the time the page first showed a heading that `matches`, after `since`.
  const shown = (matches, since) => new Promise((done, fail) => {
    const look = () => {
      const hit = seen.find((s) => s.at >= since && matches(s.heading));
      if (hit) { waiting = null; clearTimeout(timer); done(hit.at); }
    };
    const timer = setTimeout(() => fail(new Error(`the page never showed the heading; it showed: ${seen.map((s) => s.heading).join(' | ')}`)), 30_000);
    waiting = look;
    look();
  });

  const start = performance.now();
  await page.goto(url, { waitUntil: 'load' });
  await shown((h) => h === oldTitle, start);

  const times = [];
  for (let run = 1; run <= runs; run += 1) {
    const title = `Live preview ${run}`;
    writeFileSync(file, titled(title));
    const saved = performance.now();
    const at = await shown((h) => h === title, saved);
    times.push(at - saved);
    // Let the page settle (its event stream open) before the next save.
    await page.waitForLoadState('load');
  }

  // Broken: the located error instead of the report, escaped, and accessible.
  writeFileSync(file, titled('<b>fine</b>\ndiscount_rate: lots'));
  await shown((h) => h.endsWith('analysis.yaml cannot be made'), performance.now());
  await page.waitForLoadState('load');
  const text = await page.locator('pre').innerText();
  if (!/analysis\.yaml:13:1: error: unknown key `discount_rate`/.test(text)) problems.push(`the error page does not locate the error:\n${text}`);
  if (await page.locator('b').count() > 0) problems.push('the error page shows markup from the file');
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  for (const v of results.violations) problems.push(`error page: [${v.impact}] ${v.id}: ${v.help}`);

  // Fixed: the report is back.
  writeFileSync(file, original);
  await shown((h) => h === oldTitle, performance.now());

  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  console.log(`save → page (ms): ${times.map((t) => t.toFixed(0)).join(', ')}; median ${median.toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)}`);
} catch (error) {
  failed = true;
  console.log(`FAIL watch: ${error.message}`);
} finally {
  await browser.close();
  server.kill('SIGINT');
}
const { code, signal } = await exited;
if (code !== 0) problems.push(`sroi watch ended with ${code ?? signal} after Ctrl-C, not 0`);
rmSync(dir, { recursive: true, force: true });
for (const problem of problems) console.log(`FAIL watch: ${problem}`);
if (failed || problems.length > 0) {
  console.log(`sroi watch said:\n${said}`);
  process.exit(1);
}
console.log('ok   watch: the page followed every save, showed the error, came back, and Ctrl-C exited 0');
