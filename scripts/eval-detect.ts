/**
 * `npm run eval:detect [DIR] [--json]`: loads every labelled page of the corpus (default
 * test/corpus) from a loopback server in Chromium with the built extension, asks Airlock in every
 * frame what it detected (agent protocol `state`), and compares with the labels. Prints precision,
 * recall and F1 per form kind and per field role, the confusion between kinds and every miss.
 * Exits non-zero when a page cannot be evaluated, never because a score is low.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { CHROME_BUILD, launchExtensionBrowser } from '../test/e2e/extension-browser';
import { serveDirectory } from './eval/corpus-server';
import { frameState, resolveSelectors } from './eval/frame-state';
import { loadCorpus, type CorpusPage, type LabelledForm } from './eval/labels';
import { SCORED_KINDS, SCORED_ROLES, score, type EvalResult, type FrameComparison, type Metric, type ScoredForm } from './eval/score';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'test/corpus');

async function main(): Promise<number> {
  if (!existsSync(`${CHROME_BUILD}/manifest.json`)) {
    console.error(`No built extension in ${CHROME_BUILD}: run \`npx wxt build\` first.`);
    return 2;
  }
  const pages = loadCorpus(dir);
  if (pages.length === 0) {
    console.error(`No labelled pages (*.html beside *.labels.json) in ${dir}`);
    return 2;
  }
  const server = await serveDirectory(dir);
  const browser = await launchExtensionBrowser();
  const frames: FrameComparison[] = [];
  const failures: string[] = [];
  try {
    for (const corpusPage of pages) {
      const page = await browser.context.newPage();
      try {
        frames.push(...(await evaluatePage(page, server.origin, corpusPage)));
      } catch (error) {
        failures.push(`${corpusPage.path}: ${(error as Error).message}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const result = score(frames);
  if (json) console.log(JSON.stringify({ ...result, pages: pages.length, failures }, null, 2));
  else print(result, pages.length, failures);
  return failures.length ? 1 : 0;
}

async function evaluatePage(page: Page, origin: string, corpusPage: CorpusPage): Promise<FrameComparison[]> {
  const url = `${origin}/${corpusPage.path}`;
  const { labels } = corpusPage;
  await page.goto(url, { waitUntil: 'load' });
  if (labels.waitMs) await page.waitForTimeout(labels.waitMs);
  for (const action of labels.actions ?? []) {
    await page.locator(action.click.replace(/ >>> /g, ' ')).first().click({ timeout: 5000 });
  }
  if (labels.actions?.length) await page.waitForTimeout(150);
  const out: FrameComparison[] = [];
  for (const frame of page.frames()) {
    const frameUrl = frame.url();
    if (!frameUrl.startsWith('http')) continue;
    const isMain = frame === page.mainFrame();
    const key = isMain ? null : Object.keys(labels.frames ?? {}).find((k) => new URL(k, url).pathname === new URL(frameUrl).pathname);
    const expectedForms: LabelledForm[] = isMain ? labels.forms : key ? labels.frames![key]!.forms : [];
    let report = await frameState(frame);
    // The first page of a run can be answered before the extension's worker is up: ask again.
    for (let attempt = 0; !report && attempt < 2; attempt++) report = await frameState(frame);
    if (!report) throw new Error(`no answer from Airlock in frame ${frameUrl}`);
    if (report.origin !== new URL(frameUrl).origin) throw new Error(`frame ${frameUrl} reported origin ${report.origin}`);
    out.push({
      page: corpusPage.path,
      frame: isMain ? '' : new URL(frameUrl).pathname,
      expected: await scoredForms(frame, expectedForms.map((f) => ({ kind: f.kind, handle: f.selector, fields: Object.entries(f.fields).map(([selector, role]) => ({ selector, role })) }))),
      detected: await scoredForms(frame, report.forms),
    });
  }
  return out;
}

async function scoredForms(frame: Frame, forms: { kind: string; handle: string; fields: { selector: string; role: string }[] }[]): Promise<ScoredForm[]> {
  const selectors = forms.flatMap((f) => [f.handle, ...f.fields.map((x) => x.selector)]);
  const ids = await resolveSelectors(frame, selectors);
  let i = 0;
  const idOf = (selector: string) => {
    const n = ids[i++];
    return n === null || n === undefined ? `s:${selector}` : `e${n}`;
  };
  return forms.map((f) => ({
    kind: f.kind,
    handle: f.handle,
    handleId: idOf(f.handle),
    fields: f.fields.map((x) => ({ selector: x.selector, role: x.role, id: idOf(x.selector) })),
  }));
}

function print(result: EvalResult, pageCount: number, failures: string[]): void {
  const row = (name: string, m: Metric) =>
    `  ${name.padEnd(20)} ${m.precision.toFixed(3).padStart(9)} ${m.recall.toFixed(3).padStart(8)} ${m.f1.toFixed(3).padStart(7)} ${String(m.support).padStart(8)}`;
  const head = `  ${''.padEnd(20)} ${'precision'.padStart(9)} ${'recall'.padStart(8)} ${'F1'.padStart(7)} ${'support'.padStart(8)}`;
  console.log(`Airlock form detection — ${pageCount} pages from ${dir}\n`);
  console.log('Form kinds');
  console.log(head);
  for (const k of SCORED_KINDS) console.log(row(k, result.kinds[k]!));
  console.log('\nField roles');
  console.log(head);
  for (const r of [...SCORED_ROLES, 'password']) console.log(row(r, result.roles[r]!));
  const pw = result.roles.password!;
  console.log(`\n  wrong field chosen for a password: ${pw.fp} of ${pw.tp + pw.fp} (${((1 - pw.precision) * 100).toFixed(2)}%)`);
  const cols = [...SCORED_KINDS, 'other', '(none)'];
  console.log('\nConfusion (rows: labelled, columns: detected)');
  console.log(`  ${''.padEnd(16)}${cols.map((c) => c.slice(0, 8).padStart(9)).join('')}`);
  for (const r of cols) {
    const line = result.confusion[r];
    if (!line) continue;
    console.log(`  ${r.padEnd(16)}${cols.map((c) => String(line[c] ?? 0).padStart(9)).join('')}`);
  }
  console.log(`\nMisses (${result.misses.length})`);
  for (const m of result.misses) console.log(`  ${m.page}${m.frame ? ` [${m.frame}]` : ''}  ${m.type}: expected ${m.expected}, got ${m.detected}  ${m.selector}`);
  if (failures.length) {
    console.log(`\nPages that could not be evaluated (${failures.length})`);
    for (const f of failures) console.log(`  ${f}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
