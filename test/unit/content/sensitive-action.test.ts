import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../scripts/browser-paths.mjs';
import { ACTION_FIXTURES } from './sensitive-action-fixtures';

/**
 * The step-up classifier over small English, French and Japanese pages, in real Chromium: it reads
 * IDL attributes (a button's default type, a control's form owner) that DOM libraries leave out.
 */
let browser: Browser;
let page: Page;
let classifier: string;

beforeAll(async () => {
  const out = await build({
    stdin: {
      contents: `import { classifyAction, formOf } from './lib/content/guard/sensitive-action';
globalThis.__classify = () => {
  const control = document.getElementById('go');
  const action = classifyAction(formOf(control), control);
  return action ? action.topic : null;
};`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
  });
  classifier = out.outputFiles[0]!.text;
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium is needed for these tests (apt-get install chromium, or set AIRLOCK_CHROMIUM)');
  browser = await chromium.launch({ executablePath, headless: true });
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function classify(html: string, lang: string): Promise<string | null> {
  await page.setContent(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><body>${html}</body></html>`);
  await page.addScriptTag({ content: classifier });
  return page.evaluate(() => (globalThis as unknown as { __classify(): string | null }).__classify());
}

describe('step-up classifier (en, fr, ja)', () => {
  it.each(ACTION_FIXTURES.map((f) => [f.lang, f.name, f] as const))('%s: %s', async (_lang, _name, fixture) => {
    expect(await classify(fixture.html, fixture.lang)).toBe(fixture.expected);
  });

  it('covers every settings topic and checkout in each language, and near misses in each', () => {
    for (const lang of ['en', 'fr', 'ja'] as const) {
      const topics = new Set(ACTION_FIXTURES.filter((f) => f.lang === lang).map((f) => f.expected));
      for (const topic of ['checkout', 'change-password', 'change-email', 'change-phone', 'two-factor', 'recovery', 'api-key', 'ssh-key', 'mail-forwarding', 'payout', 'connected-apps', 'delete-account', null]) {
        expect(topics.has(topic as never), `${lang} ${topic}`).toBe(true);
      }
    }
  });
});
