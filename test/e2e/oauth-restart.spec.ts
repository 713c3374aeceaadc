import { test, expect } from '@playwright/test';
import type { Browser, Page } from 'puppeteer-core';
import { DEV_EXTENSION_ID } from '../../lib/extension-key';
import { AirlockClient } from '../../lib/protocol/client';
import { SITE_USERS, startSites, type RunningSites } from '../sites/start-sites';
import { launchWithPuppeteer } from './puppeteer-browser';

// Puppeteer: Playwright stalls when the service worker it holds a session on is stopped.
let browser: Browser;
let sites: RunningSites;

test.beforeAll(async () => {
  browser = await launchWithPuppeteer();
  sites = await startSites();
});
test.afterAll(async () => {
  await browser?.close();
  await sites?.close();
});

async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await page.createCDPSession();
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => statuses.push(...e.versions.map((v) => v.runningStatus)));
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => statuses.at(-1)).toBe('stopped');
  await cdp.detach();
}

test('a brokered full-page sign-in survives a service-worker stop: the human continues afterwards and the agent tab ends signed in', async () => {
  test.setTimeout(120_000);
  const agentTab = await browser.newPage();
  await agentTab.goto(`${sites.urls.relyingParty}/?mode=redirect`);
  const client = new AirlockClient((e) => agentTab.evaluate(e), { name: 'restart-agent' }, { timeoutMs: 20_000 });
  await client.hello();

  await agentTab.click('#sign-in');
  const humanTarget = await browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${DEV_EXTENSION_ID}/human-window.html`), { timeout: 30_000 });
  const human = (await humanTarget.asPage())!;
  await human.waitForSelector('#continue');

  await stopServiceWorker(agentTab);

  // The click wakes the worker; the flow, its binding and the network rules were persisted.
  await human.click('#continue');
  await human.waitForSelector('#email', { timeout: 30_000 });
  await human.type('#email', SITE_USERS.ada.username);
  await human.type('#password', SITE_USERS.ada.password);
  await Promise.all([human.waitForNavigation(), human.click('#sign-in')]);
  await human.waitForSelector('#allow', { timeout: 30_000 });
  await human.click('#allow');

  await agentTab.waitForFunction(() => document.querySelector('#signed-in-as')?.textContent === 'Signed in as Ada Lovelace', { timeout: 30_000 });
  await expect.poll(async () => (await client.oauthFlows()).map((f) => f.status)).toEqual(['completed']);
  await agentTab.close();
});
