// Checks HTML reports with axe-core in a real headless Chromium (Debian's
// package, /usr/bin/chromium): WCAG 2.0/2.1 A and AA rules plus axe's best
// practices. Usage: node axe.mjs report.html [more.html ...]
// Exits 1 if any page has a violation, printing each one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node axe.mjs report.html [more.html ...]');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-quic'],
});
let failed = 0;
try {
  for (const file of files) {
    const page = await browser.newPage();
    // A report must need nothing from the network: count any request that is not the file itself.
    const requests = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const results = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }));
    const problems = results.violations.length + requests.length;
    if (problems === 0) {
      console.log(`ok   ${file}: ${results.passes.length} rules pass, no violations`);
    } else {
      failed += 1;
      console.log(`FAIL ${file}`);
      for (const v of results.violations) {
        console.log(`  [${v.impact}] ${v.id}: ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) console.log(`      ${node.target.join(' ')}: ${node.failureSummary.split('\n').join(' ')}`);
      }
      for (const url of requests) console.log(`  network request: ${url}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
