/**
 * `npm run bench:page-cost [-- rounds] [-- --json]` (also part of `npm run bench`): what a content
 * script costs a page load, side by side, in one run with interleaved rounds. Each page loads in
 * Chromium profiles that differ only in their extension:
 *   none, Airlock (the built extension, `npm run build:chrome` first),
 *   KeePassXC-Browser and uBlock Origin from Debian's packages (`webext-keepassxc-browser`,
 *   `webext-ublock-origin-chromium`): their content scripts only, in a Manifest V3 wrapper made here
 *   (Chromium no longer loads their Manifest V2 packages), so without their background pages;
 *   a peer missing from the machine is skipped and said so.
 * Pages: generated with 1,000 / 10,000 / 50,000 elements and one login form, and 1,000 elements with
 * no sensitive form. Tabs: agent-driven (Playwright's automation flags) and human (no
 * `navigator.webdriver`). Per load, a new tab; CDP `Performance.getMetrics` is read once the page is
 * idle (`load`, 600 ms, then an idle callback). Δscript and Δtask are the medians, over rounds, of a
 * profile's figure minus the no-extension figure of the same round. Prints figures; asserts nothing.
 * AIRLOCK_BENCH_EXTENSIONS="name=dir;…" adds other unpacked builds (e.g. one with a stage left out).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { findChromium } from './browser-paths.mjs';
import { CHROME_BUILD, extensionArgs, QUIET_BROWSER_ARGS } from '../test/e2e/extension-browser';
import { generatePage } from './bench/generate-page';
import { median } from './bench/median';
import { serveDirectory } from './eval/corpus-server';

const json = process.argv.includes('--json');
const rounds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 9);
const PEERS = [
  { name: 'KeePassXC-Browser', dir: '/usr/share/webext/keepassxc-browser', apt: 'webext-keepassxc-browser' },
  { name: 'uBlock Origin', dir: '/usr/share/chromium/extensions/ublock-origin', apt: 'webext-ublock-origin-chromium' },
];
const ONLY = process.env.AIRLOCK_BENCH_PAGES?.split(',');
const ALL_PAGES = [
  { name: '1k, login form', path: '/cost/1000.html', html: () => generatePage(1_000) },
  { name: '10k, login form', path: '/cost/10000.html', html: () => generatePage(10_000) },
  { name: '50k, login form', path: '/cost/50000.html', html: () => generatePage(50_000) },
  { name: '1k, no sensitive form', path: '/cost/plain-1000.html', html: () => generatePage(1_000).replace(/<section class="auth">.*?<\/section>/, '') },
];
// AIRLOCK_BENCH_PAGES=1k,plain: only the pages whose name starts with one of these.
const PAGES = ONLY ? ALL_PAGES.filter((p) => ONLY.some((o) => p.name.startsWith(o) || (o === 'plain' && p.name.includes('no sensitive')))) : ALL_PAGES;

const ms = (n: number) => Math.round(n * 10) / 10;

/** A peer's content scripts alone, in a Manifest V3 extension of their own. */
function wrapContentScripts(source: string, into: string): string {
  const dir = join(into, source.split('/').pop()!);
  cpSync(source, dir, { recursive: true, dereference: true });
  const original = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const manifest = {
    manifest_version: 3,
    name: original.name,
    version: String(original.version).replace(/[^0-9.]/g, '') || '1.0',
    ...(original.default_locale ? { default_locale: original.default_locale } : {}),
    content_scripts: original.content_scripts,
    permissions: ['storage'],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

interface Profile {
  name: string;
  context: BrowserContext;
  close(): Promise<void>;
}

async function launch(name: string, extension: string | null, human: boolean): Promise<Profile> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'airlock-cost-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium()!,
    headless: true,
    args: [...(extension ? extensionArgs(extension) : QUIET_BROWSER_ARGS), ...(human ? ['--disable-blink-features=AutomationControlled'] : [])],
    ...(human ? { ignoreDefaultArgs: ['--enable-automation'] } : {}),
  });
  return {
    name,
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** One load in a new tab: the page's script and task time once it is idle, in ms. */
async function measure(context: BrowserContext, url: string): Promise<{ script: number; task: number; webdriver: boolean }> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(600);
    const webdriver = (await page.evaluate('new Promise((resolve) => requestIdleCallback(() => resolve(navigator.webdriver === true), { timeout: 2000 }))')) as boolean;
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { script: get('ScriptDuration'), task: get('TaskDuration'), webdriver };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  if (!findChromium()) throw new Error('No Chromium found: run `node scripts/ensure-browser.mjs`');
  if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) throw new Error('No built extension: run `npm run build:chrome` first');
  const work = mkdtempSync(join(tmpdir(), 'airlock-peers-'));
  const server = await serveDirectory(tmpdir(), Object.fromEntries(PAGES.map((p) => [p.path, p.html])));
  const extensions: Array<{ name: string; dir: string | null }> = [
    { name: 'none', dir: null },
    { name: 'Airlock', dir: CHROME_BUILD },
  ];
  // Other builds side by side (to find where the cost goes): AIRLOCK_BENCH_EXTENSIONS="name=dir;name=dir".
  for (const spec of (process.env.AIRLOCK_BENCH_EXTENSIONS ?? '').split(';').filter(Boolean)) {
    const [name, dir] = spec.split('=');
    extensions.push({ name: name!, dir: dir! });
  }
  const skipped: string[] = [];
  for (const peer of PEERS) {
    if (existsSync(join(peer.dir, 'manifest.json'))) extensions.push({ name: peer.name, dir: wrapContentScripts(peer.dir, work) });
    else skipped.push(`${peer.name} (apt-get install ${peer.apt})`);
  }
  const results: Array<{ tab: string; page: string; extension: string; dScriptMs: number; dTaskMs: number; scriptMs: number; taskMs: number }> = [];
  try {
    for (const human of [false, true]) {
      const tab = human ? 'human' : 'agent';
      const profiles: Profile[] = [];
      for (const e of extensions) profiles.push(await launch(e.name, e.dir, human));
      try {
        const figures = new Map<string, Array<{ script: number; task: number }>>();
        // One untimed load of each page in each profile first (caches, compiled scripts).
        for (const page of PAGES) for (const p of profiles) await measure(p.context, `${server.origin}${page.path}`);
        for (let round = 0; round < rounds; round++) {
          for (const page of PAGES) {
            // Rotate the order each round, so that no profile always gets the warmer machine.
            const order = profiles.map((_, i) => profiles[(i + round) % profiles.length]!);
            for (const p of order) {
              const m = await measure(p.context, `${server.origin}${page.path}?r=${round}`);
              if (m.webdriver === human) throw new Error(`${p.name}: navigator.webdriver is ${m.webdriver} in a ${tab} tab`);
              const key = `${page.name}|${p.name}`;
              figures.set(key, [...(figures.get(key) ?? []), m]);
            }
          }
          if (!json) process.stdout.write(`\r  ${tab} tabs: round ${round + 1}/${rounds}`);
        }
        if (!json) process.stdout.write('\n');
        for (const page of PAGES) {
          const none = figures.get(`${page.name}|none`)!;
          for (const p of profiles.slice(1)) {
            const mine = figures.get(`${page.name}|${p.name}`)!;
            results.push({
              tab,
              page: page.name,
              extension: p.name,
              dScriptMs: ms(median(mine.map((m, i) => m.script - none[i]!.script))),
              dTaskMs: ms(median(mine.map((m, i) => m.task - none[i]!.task))),
              scriptMs: ms(median(mine.map((m) => m.script))),
              taskMs: ms(median(mine.map((m) => m.task))),
            });
          }
        }
      } finally {
        for (const p of profiles) await p.close();
      }
    }
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
  if (json) {
    console.log(JSON.stringify({ rounds, skipped, results }, null, 2));
    return;
  }
  console.log(`\nPer page load, median over ${rounds} interleaved rounds, against no extension in the same round:`);
  console.log('  tab    page                    extension            Δscript    Δtask');
  for (const r of results) {
    console.log(`  ${r.tab.padEnd(6)} ${r.page.padEnd(23)} ${r.extension.padEnd(18)} ${`${r.dScriptMs} ms`.padStart(9)} ${`${r.dTaskMs} ms`.padStart(9)}`);
  }
  if (skipped.length) console.log(`\nSkipped (not installed): ${skipped.join(', ')}`);
  console.log('Peers run their content scripts only (no background page): their cost here can be below their real one.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
