import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import { AirlockClient, type Evaluate } from '../../lib/protocol/client';
import type { PublicTabState } from '../../lib/protocol/messages';
import { findChromium } from '../../scripts/browser-paths.mjs';
import { SITE_USERS } from '../sites/site-users';
import { startSites, type RunningSites } from '../sites/start-sites';
import { BareCdp } from './bare-cdp';
import { CHROME_BUILD, extensionArgs } from './extension-browser';
import { launchMcpAgent, section } from './mcp-agent';
import { spawnChromium } from './spawned-chromium';
import { startStaticServer } from './static-server';
import { startXvfb, type VirtualDisplay } from './xvfb';

/**
 * Harness × mode → detected or not, and by which signal. Each row drives Chromium with the built
 * extension through the real package, in the mode people use, with its automation flags off where
 * the harness allows: it opens the local sign-in page, and Airlock must call the tab agent-driven
 * before the agent says hello, and hold the sign-in (a request waits for the human). Headed rows run
 * on a virtual X display, as on a desktop.
 *
 * The last test is the person's baseline: Chromium with nothing attached, driven by the OS's keyboard
 * and mouse (xdotool), signs in by itself; no tab may ever be agent-driven.
 */
const run = promisify(execFile);
const ada = SITE_USERS.ada;
let sites: RunningSites;
let xvfb: VirtualDisplay;

test.beforeAll(async () => {
  [sites, xvfb] = await Promise.all([startSites(), startXvfb()]);
});
test.afterAll(async () => {
  await Promise.all([sites?.close(), xvfb?.close()]);
});
test.setTimeout(120_000);

/** A harness driving one tab: where it goes, and how it runs script there (for the agent protocol). */
interface Driven {
  goto(url: string): Promise<void>;
  evaluate: Evaluate;
  close(): Promise<void>;
}

/** Flags a harness author sets to hide automation: no `--enable-automation`, no `navigator.webdriver`. */
const HIDE_AUTOMATION = ['--disable-blink-features=AutomationControlled'];
/** Debian's chromium-driver, matching its chromium. */
const CHROMEDRIVER = '/usr/bin/chromedriver';

async function playwrightRow(headed: boolean): Promise<Driven> {
  const profile = mkdtempSync(join(tmpdir(), 'airlock-matrix-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium()!,
    headless: !headed,
    ignoreDefaultArgs: ['--enable-automation'],
    args: [...extensionArgs(CHROME_BUILD), ...HIDE_AUTOMATION],
    env: { ...process.env, DISPLAY: xvfb.display },
  });
  const page = await context.newPage();
  return {
    goto: async (url) => void (await page.goto(url)),
    evaluate: (expression) => page.evaluate(expression),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function puppeteerRow(headed: boolean): Promise<Driven> {
  const profile = mkdtempSync(join(tmpdir(), 'airlock-matrix-'));
  const browser = await puppeteer.launch({
    executablePath: findChromium()!,
    headless: !headed,
    userDataDir: profile,
    ignoreDefaultArgs: ['--enable-automation', '--disable-extensions'],
    args: [...extensionArgs(CHROME_BUILD), ...HIDE_AUTOMATION],
    env: { ...process.env, DISPLAY: xvfb.display },
  });
  const page = await browser.newPage();
  return {
    goto: async (url) => void (await page.goto(url)),
    evaluate: (expression) => page.evaluate(expression),
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Selenium with Debian's chromedriver (W3C WebDriver over HTTP; chromedriver speaks CDP to Chromium). */
async function seleniumRow(headed: boolean): Promise<Driven> {
  const profile = mkdtempSync(join(tmpdir(), 'airlock-matrix-'));
  const options = new chrome.Options();
  options.setChromeBinaryPath(findChromium()!);
  options.addArguments(...extensionArgs(CHROME_BUILD), ...HIDE_AUTOMATION, `--user-data-dir=${profile}`, ...(headed ? [] : ['--headless=new']));
  options.excludeSwitches('enable-automation');
  const service = new chrome.ServiceBuilder(CHROMEDRIVER).setEnvironment({ ...process.env, DISPLAY: xvfb.display } as Record<string, string>);
  const driver = await new Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build();
  return {
    goto: (url) => driver.get(url),
    // WebDriver's Execute Script waits for a returned promise.
    evaluate: (expression) => driver.executeScript(`return (${expression});`),
    close: async () => {
      await driver.quit();
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/** A browser a person started with a DevTools port; a bare CDP client attaches to it later. */
async function bareCdpRow(hide: boolean): Promise<Driven> {
  const browser = await spawnChromium({ display: xvfb.display, extraArgs: hide ? HIDE_AUTOMATION : [] });
  const cdp = await BareCdp.connect(browser.endpoint!);
  const session = await cdp.openTab();
  return {
    goto: (url) => cdp.navigate(session, url),
    evaluate: (expression) => cdp.evaluate(session, expression),
    close: async () => {
      cdp.close();
      await browser.close();
    },
  };
}

/** Playwright MCP through its default tools; `browser_evaluate` runs the protocol's script. */
async function mcpRow(mode: 'launch' | 'cdp'): Promise<Driven> {
  const agent = await launchMcpAgent({ mode, ...(mode === 'cdp' ? { extraArgs: HIDE_AUTOMATION } : {}) });
  return {
    goto: async (url) => void (await agent.navigate(url)),
    evaluate: async (expression) => {
      const answer = await agent.evaluate(`async () => (${expression})`);
      const result = section(answer, 'Result');
      return result === null || result === 'undefined' ? undefined : JSON.parse(result);
    },
    close: () => agent.close(),
  };
}

const ROWS: Array<{ harness: string; mode: string; start(): Promise<Driven>; signals: string[] }> = [
  { harness: 'Playwright', mode: 'headless, automation flags off', start: () => playwrightRow(false), signals: ['navigation', 'headless'] },
  { harness: 'Playwright', mode: 'headed, automation flags off', start: () => playwrightRow(true), signals: ['navigation'] },
  { harness: 'Puppeteer', mode: 'headed, automation flags off', start: () => puppeteerRow(true), signals: ['navigation'] },
  { harness: 'Selenium (chromedriver)', mode: 'headed, automation flags off', start: () => seleniumRow(true), signals: ['navigation'] },
  // A DevTools port alone makes Chromium set navigator.webdriver; harnesses that hide it pass the flag.
  { harness: 'bare CDP client', mode: 'a headed browser started with a DevTools port', start: () => bareCdpRow(false), signals: ['navigation', 'webdriver'] },
  { harness: 'bare CDP client', mode: 'the same, automation flags off', start: () => bareCdpRow(true), signals: ['navigation'] },
  { harness: '@playwright/mcp', mode: 'launch (its defaults)', start: () => mcpRow('launch'), signals: ['navigation', 'headless'] },
  { harness: '@playwright/mcp', mode: '--cdp-endpoint, automation flags off', start: () => mcpRow('cdp'), signals: ['navigation', 'headless'] },
];

for (const row of ROWS) {
  test(`${row.harness}, ${row.mode}: agent-driven by ${row.signals.join(' + ')}, and the sign-in is held`, async () => {
    const driven = await row.start();
    try {
      const client = new AirlockClient(driven.evaluate, { name: 'matrix-agent', version: '1.0' });
      // A browser started a moment ago, with the extension loaded for the first time, runs Airlock's
      // worker only after its first pages: a navigation before that is not seen (docs/capabilities.md).
      // So the agent's first page is the site's home, and the sign-in page comes once Airlock answers.
      await driven.goto(`${sites.urls.signIn}/`);
      await expect.poll(() => client.state().then(() => true, () => false), { timeout: 30_000 }).toBe(true);
      await driven.goto(`${sites.urls.signIn}/login`);
      // Before any hello: what Airlock saw by itself.
      let state: PublicTabState | undefined;
      await expect
        .poll(async () => {
          state = await client.state();
          return state.signals.map((s) => s.source);
        }, { timeout: 15_000 })
        .toEqual(row.signals);
      expect(state!.agentDriven).toBe(true);
      console.log(`harness matrix: ${row.harness} (${row.mode}) -> ${state!.signals.map((s) => `${s.source} [${s.detail}]`).join(', ')}`);
      // Held as any agent's sign-in: a request waits for the human; the agent did not type the password.
      await client.hello();
      const login = await client.waitForLogin(['waiting'], { timeoutMs: 20_000 });
      expect(login.status).toBe('waiting');
      expect(sites.log.some((e) => e.method === 'POST' && e.path === '/login')).toBe(false);
    } finally {
      await driven.close();
    }
  });
}

/** xdotool on the virtual display, as the OS's own keyboard and mouse. */
async function xdotool(...args: string[]): Promise<void> {
  await run('xdotool', args, { env: { ...process.env, DISPLAY: xvfb.display } });
}

/** Waits for the site to have served a request, then for the page to render (as a person would look first). */
async function waitForLog(predicate: (e: RunningSites['log'][number]) => boolean, what: string): Promise<void> {
  await expect.poll(() => sites.log.some(predicate), { timeout: 20_000, message: what }).toBe(true);
  await new Promise((r) => setTimeout(r, 1500));
}

/**
 * A page that asks Airlock, through the agent protocol as any page may, what it thinks of its tab,
 * and reports the answer to the server in its own request: nothing outside the browser attaches.
 */
const STATE_REPORT = `<!doctype html><title>Airlock state</title><p id=out>asking</p><script>
const id = 'person-' + Math.random().toString(36).slice(2);
let answered = false;
addEventListener('message', (event) => {
  const data = event.data;
  if (event.source !== window || !data || data.channel !== 'airlock' || data.re !== id || answered) return;
  answered = true;
  document.getElementById('out').textContent = JSON.stringify(data.state);
  fetch('/report?state=' + encodeURIComponent(JSON.stringify(data.state)));
});
let tries = 0;
const ask = () => { if (answered || tries++ > 20) return; postMessage({ channel: 'airlock-agent', v: 1, id, type: 'state' }, '*'); setTimeout(ask, 1000); };
ask();
</script>`;

test('a person, with nothing attached: typed addresses, links, reload, back, a new tab and a sign-in typed by hand; no tab is ever agent-driven', async () => {
  sites.clearRecords();
  const server = await startStaticServer();
  const reportUrl = server.route('/state', STATE_REPORT);
  // No DevTools port: with one, Chromium sets navigator.webdriver (a browser started for automation).
  const browser = await spawnChromium({ display: xvfb.display, devtoolsPort: false });
  const typeAddress = async (url: string) => {
    await xdotool('key', 'ctrl+l');
    await xdotool('type', '--delay', '20', url);
    await xdotool('key', 'Return');
  };
  const reports = () => server.requested.filter((r) => r.startsWith('/report?')).map((r) => JSON.parse(decodeURIComponent(r.slice('/report?state='.length))) as PublicTabState);
  try {
    await xdotool('search', '--sync', '--onlyvisible', '--class', 'chromium');
    await new Promise((r) => setTimeout(r, 1500));
    await typeAddress(`${sites.urls.signIn}/`);
    await waitForLog((e) => e.method === 'GET' && e.path === '/', 'the home page loaded');
    // A link, by keyboard: the header's, then "Sign in".
    await xdotool('key', '--delay', '300', 'Tab', 'Tab', 'Return');
    await waitForLog((e) => e.method === 'GET' && e.path === '/login', 'the sign-in page loaded');
    for (const key of ['F5', 'alt+Left', 'alt+Right']) {
      await xdotool('key', key);
      await new Promise((r) => setTimeout(r, 1000));
    }
    // The mouse on the page, then the sign-in typed by hand.
    await xdotool('mousemove', '600', '700', 'click', '1');
    await typeAddress(`${sites.urls.signIn}/login`);
    await new Promise((r) => setTimeout(r, 2000));
    await xdotool('key', '--delay', '300', 'Tab', 'Tab');
    await xdotool('type', '--delay', '20', ada.username);
    await xdotool('key', 'Tab');
    await xdotool('type', '--delay', '20', ada.password);
    await xdotool('key', 'Return');
    // Nothing held it: the site got the password the person typed.
    await waitForLog((e) => e.method === 'POST' && e.path === '/login' && e.ok, 'the person signed in');
    // Airlock's view of this tab, asked by a page the person opens in it.
    await typeAddress(reportUrl);
    await expect.poll(() => reports().length, { timeout: 30_000, message: 'the first tab reported' }).toBe(1);
    // A new tab, a typed address there, and the same question.
    await xdotool('key', 'ctrl+t');
    await new Promise((r) => setTimeout(r, 1500));
    await typeAddress(`${sites.urls.signIn}/account`);
    await waitForLog((e) => e.method === 'GET' && e.path === '/account', 'the account page loaded');
    await typeAddress(reportUrl);
    await expect.poll(() => reports().length, { timeout: 30_000, message: 'the second tab reported' }).toBe(2);
    for (const state of reports()) expect(state).toEqual({ agentDriven: false, signals: [], overriddenHumanOff: false });
    console.log(`harness matrix: a person (xdotool, nothing attached) -> ${JSON.stringify(reports().map((r) => r.signals))}`);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the person check can fail: the same report from a browser started with a DevTools port names navigator.webdriver', async () => {
  const server = await startStaticServer();
  const reportUrl = server.route('/state', STATE_REPORT);
  const browser = await spawnChromium({ display: xvfb.display });
  try {
    await xdotool('search', '--sync', '--onlyvisible', '--class', 'chromium');
    await new Promise((r) => setTimeout(r, 1500));
    await xdotool('key', 'ctrl+l');
    await xdotool('type', '--delay', '20', reportUrl);
    await xdotool('key', 'Return');
    const report = () => server.requested.find((r) => r.startsWith('/report?'));
    await expect.poll(report, { timeout: 30_000 }).toBeTruthy();
    const state = JSON.parse(decodeURIComponent(report()!.slice('/report?state='.length))) as PublicTabState;
    expect({ agentDriven: state.agentDriven, sources: state.signals.map((s) => s.source) }).toEqual({ agentDriven: true, sources: ['webdriver'] });
  } finally {
    await browser.close();
    await server.close();
  }
});
