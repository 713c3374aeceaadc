/**
 * Firefox agent sign-in probe: the single-step sign-in site in Firefox ESR with the built MV3 add-on
 * (WebDriver BiDi through puppeteer-core, as in smoke.ts). An agent opens the login page and says
 * hello; the probe reports what Airlock does there (the login events, the field's notice, whether the
 * agent can type into the password field) and fails if the form is not held or the agent's typing
 * lands. The human's half (vault setup in the settings, the choice in the toolbar popup) cannot
 * be driven here: Firefox's BiDi refuses to navigate a tab to moz-extension:// or about:addons, and
 * the toolbar popup is not a browsing context it exposes. Prints one line per observation.
 *
 *   npm run build:firefox && npx tsx test/firefox/signin.ts
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findFirefox } from '../../scripts/browser-paths.mjs';
import { startSites } from '../sites/start-sites';
import { runWithWatchdog } from './run-with-watchdog';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXTENSION_DIR = join(ROOT, '.output', 'firefox-mv3');
const ADDON_ID = 'airlock@airlock.dev';
const WHOLE_RUN_TIMEOUT_MS = 150_000;

let browser: Browser | undefined;
const observations: string[] = [];
const note = (line: string) => {
  observations.push(line);
  console.log(`  ${line}`);
};

/** Waits for a page-side condition (a string expression, so no transpiler helper is serialised). */
async function waitFor(page: Page, expression: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate(expression).catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function main(): Promise<number> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    console.error('firefox sign-in: no Firefox build; run `npm run build:firefox` first.');
    return 1;
  }
  const executablePath = findFirefox();
  if (executablePath === null) {
    console.error('firefox sign-in: no Firefox found; run `node scripts/ensure-browser.mjs` or set AIRLOCK_FIREFOX.');
    return 1;
  }
  const sites = await startSites();
  const uuid = randomUUID();
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      timeout: 30_000,
      protocolTimeout: 60_000,
      dumpio: process.env.AIRLOCK_BROWSER_LOG === '1',
      extraPrefsFirefox: {
        'extensions.originControls.grantByDefault': true,
        // A fixed moz-extension:// host, so that the probe can try to open the settings page as a tab.
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
      },
    });
    console.log(`firefox sign-in: ${await browser.version()}`);
    await browser.installExtension(EXTENSION_DIR);

    // WebDriver BiDi in Firefox refuses to navigate a tab to moz-extension:// (and about:addons):
    // without an Airlock page, the probe reports it and goes on with what the agent sees.
    const options = await browser.newPage();
    const opened = await options.goto(`moz-extension://${uuid}/sidepanel.html`, { timeout: 15_000 }).then(
      () => true,
      (error: Error) => (note(`settings page in a tab: ${error.message.split('\n')[0]}`), false),
    );
    if (opened) note('settings page opened in a tab (BiDi allowed it): the vault part of this probe can now be written');

    const agent = await browser.newPage();
    await agent.goto(`${sites.urls.signIn}/login`, { timeout: 15_000 });
    await agent.evaluate(`window.__events = []; window.addEventListener('message', (e) => { if (e.source === window && e.data && e.data.channel === 'airlock' && e.data.type === 'event') window.__events.push(e.data); }); window.postMessage({ channel: 'airlock-agent', v: 1, id: 'hello1', type: 'hello', agent: { name: 'firefox-probe', version: '1' } }, '*'); 1`);
    const waiting = await waitFor(agent, `window.__events.some((e) => e.event === 'login' && e.login.status === 'waiting')`, 20_000);
    note(`login event "waiting" reached the agent: ${waiting}; events: ${await agent.evaluate(`JSON.stringify(window.__events.map((e) => e.event + ':' + (e.login ? e.login.step + '/' + e.login.status : '')))`)}`);
    note(`password field placeholder: ${JSON.stringify(await agent.$eval('#password', (el) => (el as HTMLInputElement).placeholder).catch(() => '?'))}`);
    await agent.type('#password', 'agent-guess-123').catch((error: Error) => note(`typing failed: ${error.message.split('\n')[0]}`));
    const guessed = await agent.$eval('#password', (el) => (el as HTMLInputElement).value);
    note(`password field after the agent typed: ${JSON.stringify(guessed)}; url ${agent.url()}`);
    return waiting && guessed === '' ? 0 : 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await sites.close();
  }
}

runWithWatchdog('firefox sign-in', main, {
  timeoutMs: WHOLE_RUN_TIMEOUT_MS,
  failureCode: () => 1,
  onGiveUp: () => browser?.process()?.kill('SIGKILL'),
  onError: (error) => console.error('firefox sign-in:', error, observations),
});
