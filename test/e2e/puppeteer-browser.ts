import { expect, test } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findChromium } from '../../scripts/browser-paths.mjs';
import { CHROME_BUILD } from './extension-browser';
import { DEV_EXTENSION_ID } from '../../lib/extension-key';
import { startSites, type RunningSites } from '../sites/start-sites';

/**
 * Chromium with the built extension, driven by Puppeteer. Used where a test must stop the service
 * worker: Playwright keeps its own session on the worker and stalls when the worker goes away.
 */
export async function launchWithPuppeteer(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium-family browser found: run `node scripts/ensure-browser.mjs`');
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    enableExtensions: [CHROME_BUILD],
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-automation'],
  });
  await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(DEV_EXTENSION_ID));
  return browser;
}

/**
 * Opens the real toolbar popup for `page`'s tab, as the human's click on the icon does: CDP's own
 * click on the extension's action (Extensions.triggerAction, on the pipe Puppeteer talks over). No
 * debugger touches the worker (a session there would hold a restarted worker paused), and no Airlock
 * page is opened in a tab for it (Airlock closes those, and locks the vault).
 */
export async function openToolbarPopup(browser: Browser, page: Page): Promise<Page> {
  await page.bringToFront();
  const cdp = await browser.target().createCDPSession();
  try {
    type TabInfo = { targetId: string; url: string; embedderData?: { tabActive?: boolean } };
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as unknown as { targetInfos: TabInfo[] };
    // `page`'s tab, by its URL (never another active tab: triggering the action on a tab of a popup
    // window, such as Airlock's human window, ends this Chromium build).
    const tab = targetInfos.find((t) => t.url === page.url() && t.embedderData?.tabActive) ?? targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`no tab at ${page.url()}`);
    await cdp.send('Extensions.triggerAction' as never, { id: DEV_EXTENSION_ID, targetId: tab.targetId } as never);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  const popupTarget = await browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${DEV_EXTENSION_ID}/popup.html`));
  const popup = (await popupTarget.asPage())!;
  await popup.waitForSelector('[data-testid="status"]');
  return popup;
}

/**
 * Opens Airlock's settings as the human does: the toolbar popup for `page`'s tab, then its Settings
 * button, which opens the side panel. Returns the side panel once its vault section has loaded.
 */
export async function openSettingsPanel(browser: Browser, page: Page): Promise<Page> {
  const popup = await openToolbarPopup(browser, page);
  await popup.waitForSelector('[data-action="open-settings"]');
  // A click from script, with the user gesture Puppeteer's evaluate carries: sidePanel.open needs one.
  await popup.evaluate(() => (document.querySelector('[data-action="open-settings"]') as HTMLElement).click());
  const panelTarget = await browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${DEV_EXTENSION_ID}/sidepanel.html`));
  const panel = (await panelTarget.asPage())!;
  await panel.waitForSelector('[data-testid="vault"]:not([data-state="loading"])', { timeout: 20_000 });
  return panel;
}

/** The extension's service worker as CDP reports it, watched from a page's session. */
export interface WorkerWatch {
  /** Every running status reported, in order ('stopped', 'starting', 'running', ...). */
  readonly statuses: readonly string[];
  /** Whether a worker has run again since the stop. */
  restarted(): boolean;
  /** Ends the watch; a session the page's closing already ended is no failure. */
  close(): Promise<void>;
}

/**
 * Stops the extension's service worker (as MV3 does when idle), waits until it has stopped, and keeps
 * watching so a test can tell that a fresh worker answered afterwards.
 */
export async function stopServiceWorker(page: Page): Promise<WorkerWatch> {
  const cdp = await page.createCDPSession();
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => statuses.push(...e.versions.map((v) => v.runningStatus)));
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => statuses.at(-1)).toBe('stopped');
  const stoppedAt = statuses.length;
  return {
    statuses,
    restarted: () => statuses.slice(stoppedAt).includes('running'),
    close: () => cdp.detach().catch(() => undefined),
  };
}

/**
 * For a spec file: one Puppeteer-driven browser and the local sites, started before its tests and
 * closed after them. Puppeteer, because Playwright stalls when the service worker it holds a
 * session on is stopped.
 */
export function puppeteerWithSites(): { readonly browser: Browser; readonly sites: RunningSites } {
  let browser: Browser | undefined;
  let sites: RunningSites | undefined;
  test.beforeAll(async () => {
    browser = await launchWithPuppeteer();
    sites = await startSites();
  });
  test.afterAll(async () => {
    await browser?.close();
    await sites?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('The browser starts in beforeAll');
      return browser;
    },
    get sites() {
      if (!sites) throw new Error('The sites start in beforeAll');
      return sites;
    },
  };
}
