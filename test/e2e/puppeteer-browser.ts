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

/** Opens the real toolbar popup for `page`'s tab, as the human's click on the icon would. */
export async function openToolbarPopup(browser: Browser, page: Page): Promise<Page> {
  // Asked from an extension page rather than the worker: a debugging session on the worker would
  // hold a restarted worker paused.
  const opener = await browser.newPage();
  await opener.goto(`chrome-extension://${DEV_EXTENSION_ID}/options.html`);
  await page.bringToFront();
  await opener.evaluate('chrome.action.openPopup()');
  await opener.close();
  const popupTarget = await browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${DEV_EXTENSION_ID}/popup.html`));
  const popup = await popupTarget.asPage();
  await popup.waitForSelector('[data-testid="status"]');
  return popup;
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
