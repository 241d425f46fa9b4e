// Checks HTML reports in a real headless Chromium (Debian's package,
// /usr/bin/chromium) at four widths: 320, 390, 768 and 1280 CSS px.
// At each width, on each page:
// - axe-core finds no violation of WCAG 2.0/2.1 A and AA rules or of its best practices;
// - the page does not scroll sideways (document.scrollingElement.scrollWidth <= innerWidth);
// - no visible chart text is smaller than 12 CSS px (its computed font size times the SVG's scale);
// - every table caption is whole on screen (not cut by its scroll container or the window);
// - at 1280 px, no impact map hides columns behind a scrollbar;
// - the page asks nothing of the network.
// Screenshots of the whole page at 390 and 1280 px go to $SROI_SCREENSHOTS
// (default: a new temporary folder, printed at the end).
// Usage: node axe.mjs report.html [more.html ...]
// Exits 1 if any page fails any check, printing each failure.
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node axe.mjs report.html [more.html ...]');
  process.exit(2);
}
const WIDTHS = [320, 390, 768, 1280];
const SCREENSHOT_WIDTHS = new Set([390, 1280]);
const MIN_CHART_TEXT = 12;
const shots = process.env.SROI_SCREENSHOTS || mkdtempSync(join(tmpdir(), 'sroi-screens-'));
mkdirSync(shots, { recursive: true });

// A fresh profile, so that nothing from an earlier run (or the user's own
// Chromium) changes what the pages look like.
const profile = mkdtempSync(join(tmpdir(), 'sroi-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  viewport: { width: 1280, height: 900 },
});

// What the page itself measures: sideways scroll, the smallest chart text,
// cut captions and (at 1280) an impact map wider than its box.
function measure(wide) {
  const problems = [];
  const page = document.scrollingElement;
  if (page.scrollWidth > window.innerWidth) {
    problems.push(`the page scrolls sideways: ${page.scrollWidth} px of content in a ${window.innerWidth} px window`);
  }
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
  };
  let smallest = Infinity;
  let smallestText = '';
  let charts = 0;
  for (const svg of document.querySelectorAll('svg')) {
    if (!visible(svg)) continue;
    charts += 1;
    const scale = svg.getScreenCTM().a;
    for (const text of svg.querySelectorAll('text')) {
      if (text.textContent.trim() === '' || !visible(text)) continue;
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < smallest) {
        smallest = size;
        smallestText = text.textContent.trim().slice(0, 40);
      }
    }
  }
  if (smallest < 12) {
    problems.push(`chart text ${smallest.toFixed(1)} px (< 12 px): "${smallestText}"`);
  }
  for (const caption of document.querySelectorAll('caption')) {
    const box = caption.getBoundingClientRect();
    const wrap = caption.closest('.table-wrap');
    const room = wrap ? wrap.getBoundingClientRect() : { left: 0, right: window.innerWidth };
    const left = Math.max(0, room.left);
    const right = Math.min(window.innerWidth, room.right);
    if (box.left < left - 1 || box.right > right + 1) {
      problems.push(`caption cut (${Math.round(box.left)}–${Math.round(box.right)} px in ${Math.round(left)}–${Math.round(right)} px): "${caption.textContent.trim().slice(0, 50)}"`);
    }
  }
  if (wide) {
    for (const table of document.querySelectorAll('table.impact-map')) {
      const wrap = table.closest('.table-wrap');
      if (wrap && wrap.scrollWidth > wrap.clientWidth) {
        problems.push(`the impact map needs ${wrap.scrollWidth} px in ${wrap.clientWidth} px: columns hidden behind a scrollbar`);
      }
    }
  }
  return { problems, smallest, charts };
}

let failed = 0;
try {
  for (const file of files) {
    const page = await browser.newPage();
    // A report must need nothing from the network: count any request that is not the file itself.
    const requests = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) requests.push(request.url());
    });
    const problems = [];
    const notes = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const measured = await page.evaluate(measure, width >= 1280);
      for (const p of measured.problems) problems.push(`${width} px: ${p}`);
      notes.push(`${width}: ${measured.charts} charts, text >= ${Number.isFinite(measured.smallest) ? measured.smallest.toFixed(1) : '-'} px`);
      await page.addScriptTag({ content: axeSource });
      const results = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      }));
      for (const v of results.violations) {
        problems.push(`${width} px: [${v.impact}] ${v.id}: ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) problems.push(`      ${node.target.join(' ')}: ${node.failureSummary.split('\n').join(' ')}`);
      }
      if (SCREENSHOT_WIDTHS.has(width)) {
        await page.screenshot({ path: join(shots, `${basename(file, '.html')}-${width}.png`), fullPage: true });
      }
    }
    for (const url of new Set(requests)) problems.push(`network request: ${url}`);
    if (problems.length === 0) {
      console.log(`ok   ${file} (${notes.join('; ')})`);
    } else {
      failed += 1;
      console.log(`FAIL ${file}`);
      for (const p of problems) console.log(`  ${p}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${files.length - failed} passed, ${failed} failed, at ${WIDTHS.join(', ')} px; screenshots in ${shots}`);
process.exit(failed === 0 ? 0 : 1);
