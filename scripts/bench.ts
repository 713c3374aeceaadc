/**
 * `npm run bench:detect [-- --json]` (also the first half of `npm run bench`): how long form detection
 * takes in Chromium.
 *  - full classification (`detectForms(document)`) of generated pages of 1,000 / 10,000 / 50,000 elements;
 *  - incremental updates (`FormIndex.update`) after inserting and after removing a form;
 *  - the content script's cost on page load: load-event time with and without the built extension,
 *    alternating in the same run, median ratio;
 *  - the agent signals' own cost: the worker's check of each committed navigation and the content
 *    script's headless check, per call, against an empty call in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { findChromium } from './browser-paths.mjs';
import { CHROME_BUILD, launchExtensionBrowser } from '../test/e2e/extension-browser';
import { isProtocolNavigation } from '../lib/agent/navigation-signal';
import { isHeadless } from '../lib/content/report-signals';
import { generatePage } from './bench/generate-page';
import { median } from './bench/median';
import { serveDirectory } from './eval/corpus-server';

const json = process.argv.includes('--json');
const SIZES = [1_000, 10_000, 50_000];
const ROUNDS: Record<number, number> = { 1_000: 60, 10_000: 40, 50_000: 12 };
const LOAD_ROUNDS = Number(process.env.AIRLOCK_BENCH_LOAD_ROUNDS ?? 30);

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

async function engineBundle(): Promise<string> {
  const out = await build({
    stdin: { contents: `import { detectForms, FormIndex } from './lib/detect'; globalThis.__airlockDetect = { detectForms, FormIndex };`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    minify: true,
  });
  return out.outputFiles[0]!.text;
}

// Page-side measurement code, as source text so it runs verbatim in the page.
const MEASURE_FULL = `(rounds) => {
  const { detectForms } = globalThis.__airlockDetect;
  for (let i = 0; i < 3; i++) detectForms(document);
  const times = [];
  let forms = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    forms = detectForms(document).length;
    times.push(performance.now() - t0);
  }
  return { times, forms, elements: document.getElementsByTagName('*').length };
}`;

const MEASURE_INCREMENTAL = `(rounds) => {
  const { FormIndex } = globalThis.__airlockDetect;
  const index = new FormIndex(document);
  index.scan();
  const containers = Array.from(document.querySelectorAll('section, .card'));
  const insert = [], remove = [], attribute = [];
  for (let i = 0; i < rounds; i++) {
    const host = containers[(i * 7919) % containers.length];
    const form = document.createElement('form');
    form.innerHTML = '<h3>Create account</h3><input type="email" aria-label="Email"><input type="password" aria-label="Password"><input type="password" aria-label="Confirm password"><button>Sign up</button>';
    host.appendChild(form);
    // Layout is the browser's own work after a mutation (done before idle callbacks run anyway);
    // settle it first so the figure is the engine's cost.
    void document.body.offsetHeight;
    let t0 = performance.now();
    index.update([form]);
    insert.push(performance.now() - t0);
    const pw = form.querySelector('input[type=password]');
    pw.setAttribute('style', 'display:none');
    void document.body.offsetHeight;
    t0 = performance.now();
    index.update([pw]);
    attribute.push(performance.now() - t0);
    form.remove();
    void document.body.offsetHeight;
    t0 = performance.now();
    index.update([host]);
    remove.push(performance.now() - t0);
  }
  return { insert, remove, attribute };
}`;

interface Row {
  elements: number;
  fullMedianMs: number;
  fullP95Ms: number;
  insertMedianMs: number;
  attributeMedianMs: number;
  removeMedianMs: number;
  forms: number;
}

async function classification(page: Page, origin: string, bundle: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of SIZES) {
    await page.goto(`${origin}/bench/${size}.html`);
    await page.addScriptTag({ content: bundle });
    const full = (await page.evaluate(`(${MEASURE_FULL})(${ROUNDS[size]})`)) as { times: number[]; forms: number; elements: number };
    const inc = (await page.evaluate(`(${MEASURE_INCREMENTAL})(${Math.min(ROUNDS[size]!, 30)})`)) as { insert: number[]; remove: number[]; attribute: number[] };
    const sorted = [...full.times].sort((a, b) => a - b);
    rows.push({
      elements: full.elements,
      fullMedianMs: round(median(full.times)),
      fullP95Ms: round(sorted[Math.floor(sorted.length * 0.95)] ?? sorted[sorted.length - 1]!),
      insertMedianMs: round(median(inc.insert)),
      attributeMedianMs: round(median(inc.attribute)),
      removeMedianMs: round(median(inc.remove)),
      forms: full.forms,
    });
  }
  return rows;
}

async function loadTime(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return (await page.evaluate(`(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd || n.loadEventStart || n.duration; })()`)) as number;
}

/** Microseconds per call of each agent signal's check, median of 15 batches, and an empty call's. */
function signalCost(): { navigationUs: number; headlessUs: number; emptyUs: number } {
  const commits = [
    { frameId: 0, url: 'https://mail.example/login', transitionType: 'typed', transitionQualifiers: [] },
    { frameId: 0, url: 'https://mail.example/login', transitionType: 'typed', transitionQualifiers: ['from_address_bar'] },
    { frameId: 0, url: 'https://mail.example/next', transitionType: 'link', transitionQualifiers: [] },
  ];
  const nav = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36', userAgentData: { brands: [{ brand: 'Chromium' }, { brand: 'Not:A-Brand' }] } } as unknown as Navigator;
  const empty = (_: unknown) => false;
  const perCall = (fn: (i: number) => boolean): number => {
    const batches: number[] = [];
    let sink = 0;
    for (let b = 0; b < 15; b++) {
      const t0 = performance.now();
      for (let i = 0; i < 100_000; i++) if (fn(i)) sink++;
      batches.push(((performance.now() - t0) * 1000) / 100_000);
    }
    if (sink < 0) console.log(sink);
    return round(median(batches), 4);
  };
  return {
    navigationUs: perCall((i) => isProtocolNavigation(commits[i % 3]!)),
    headlessUs: perCall(() => isHeadless(nav)),
    emptyUs: perCall((i) => empty(commits[i % 3])),
  };
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/ensure-browser.mjs`');
  const pages: Record<string, () => string> = {};
  for (const size of SIZES) pages[`/bench/${size}.html`] = () => generatePage(size);
  const server = await serveDirectory(tmpdir(), pages);
  const bundle = await engineBundle();

  const plainDir = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
  const plain = await chromium.launchPersistentContext(plainDir, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const withExt = await launchExtensionBrowser();
  try {
    const plainPage = await plain.newPage();
    const rows = await classification(plainPage, server.origin, bundle);

    const extPage = await withExt.context.newPage();
    const url = `${server.origin}/bench/10000.html`;
    await loadTime(plainPage, url);
    await loadTime(extPage, url);
    const without: number[] = [];
    const withExtension: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < LOAD_ROUNDS; i++) {
      // Alternate which browser goes first so neither always gets the warmer machine.
      const a = i % 2 ? await loadTime(extPage, url) : 0;
      const b = await loadTime(plainPage, url);
      const c = i % 2 ? a : await loadTime(extPage, url);
      without.push(b);
      withExtension.push(c);
      ratios.push(c / b);
    }
    const load = {
      page: '10000 elements with a login form',
      rounds: LOAD_ROUNDS,
      withoutMedianMs: round(median(without), 2),
      withMedianMs: round(median(withExtension), 2),
      medianRatio: round(median(ratios), 4),
      overheadPercent: round((median(ratios) - 1) * 100, 2),
    };
    const signals = signalCost();
    const result = { chromium: plain.browser()?.version() ?? 'unknown', extension: CHROME_BUILD, classification: rows, pageLoad: load, signals };
    if (json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log('Form detection benchmark (Chromium, headless)\n');
      console.log('  elements   full median   full p95   insert form   hide field   remove form   forms');
      for (const r of rows) {
        console.log(`  ${String(r.elements).padStart(8)} ${`${r.fullMedianMs} ms`.padStart(13)} ${`${r.fullP95Ms} ms`.padStart(10)} ${`${r.insertMedianMs} ms`.padStart(13)} ${`${r.attributeMedianMs} ms`.padStart(12)} ${`${r.removeMedianMs} ms`.padStart(13)} ${String(r.forms).padStart(7)}`);
      }
      console.log(`\nPage load (${load.page}, ${load.rounds} rounds each, alternating):`);
      console.log(`  without extension: ${load.withoutMedianMs} ms median load event`);
      console.log(`  with extension:    ${load.withMedianMs} ms median load event`);
      console.log(`  median ratio:      ${load.medianRatio} (${load.overheadPercent >= 0 ? '+' : ''}${load.overheadPercent}%)`);
      console.log('\nAgent signals (Node, per call, median of 15 batches of 100,000):');
      console.log(`  navigation check (worker, each top-frame commit): ${signals.navigationUs} µs`);
      console.log(`  headless check (content script, each page load):  ${signals.headlessUs} µs`);
      console.log(`  empty call, same run:                            ${signals.emptyUs} µs`);
    }
  } finally {
    await plain.close();
    await withExt.close();
    await server.close();
    rmSync(plainDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
