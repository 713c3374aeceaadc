import { test, expect } from '@playwright/test';
import type { Browser, Page } from 'puppeteer-core';
import { AirlockClient } from '../../lib/protocol/client';
import { SITE_USERS, startSites, type RunningSites } from '../sites/start-sites';
import { launchWithPuppeteer, openSettingsPanel, openToolbarPopup, stopServiceWorker } from './puppeteer-browser';
import { MASTER_PASSWORD } from './takeover-harness';

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

async function type(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.type(selector, text);
}

test('a service-worker restart during a pending login request loses nothing: the human still decides, Airlock still fills', async () => {
  test.setTimeout(120_000);
  const options = await openSettingsPanel(browser, (await browser.pages())[0]!);
  await type(options, '[data-testid="vault-create"] input[name="new-password"]', MASTER_PASSWORD);
  await type(options, '[data-testid="vault-create"] input[name="confirm-password"]', MASTER_PASSWORD);
  await options.click('[data-testid="vault-create"] button[type="submit"]');
  await options.waitForSelector('[data-testid="vault"][data-state="unlocked"]', { timeout: 30_000 });
  // Adding an entry needs this page's edit session: confirmed with the master password (no passkey yet).
  await options.click('[data-action="begin-edit"]');
  await type(options, 'input[name="confirm-master-password"]', MASTER_PASSWORD);
  await options.click('[data-action="confirm-password"]');
  await options.waitForSelector('[data-testid="vault-edit"][data-state="open"]', { timeout: 30_000 });
  await type(options, '[data-testid="entry-add"] input[name="title"]', 'Example Mail');
  await type(options, '[data-testid="entry-add"] input[name="origin"]', sites.urls.signIn);
  await type(options, '[data-testid="entry-add"] input[name="username"]', SITE_USERS.ada.username);
  await type(options, '[data-testid="entry-add"] input[name="password"]', SITE_USERS.ada.password);
  await options.click('[data-testid="entry-add"] button[type="submit"]');
  await options.waitForSelector('[data-testid="entries"] > li');
  await options.close();

  const agentTab = await browser.newPage();
  await agentTab.goto(`${sites.urls.signIn}/login`);
  const agent = new AirlockClient((e) => agentTab.evaluate(e), { name: 'restart-agent' }, { timeoutMs: 15_000 });
  await agent.hello();
  await agent.waitForLogin(['waiting'], { timeoutMs: 20_000 });

  const worker = await stopServiceWorker(agentTab);

  // A new worker answers the popup: the request is still there. The vault key lived only in the
  // stopped worker's memory, so the vault is locked (it used to resume from storage.session): the
  // human unlocks it in the popup, then picks the entry.
  const popup = await openToolbarPopup(browser, agentTab);
  await popup.waitForSelector('.credential-request', { timeout: 20_000 });
  await popup.waitForSelector('[data-testid="vault-unlock"] input[name="master-password"]', { timeout: 20_000 });
  expect(await popup.$('.credential-request [data-entry-id]')).toBeNull();
  await popup.type('[data-testid="vault-unlock"] input[name="master-password"]', MASTER_PASSWORD);
  await popup.click('[data-testid="vault-unlock"] button[type="submit"]');
  await popup.waitForSelector('.credential-request [data-entry-id]', { timeout: 20_000 });
  expect(await popup.$eval('.credential-request', (el) => (el as HTMLElement).dataset.origin)).toBe(sites.urls.signIn);
  await popup.click('.credential-request [data-entry-id]');
  // A click is no proof: the master password confirms the choice (no passkey here).
  await popup.waitForSelector('[data-testid="confirm-password-form"]', { timeout: 10_000 });
  await popup.type('input[name="confirm-master-password"]', MASTER_PASSWORD);
  await popup.click('[data-action="confirm-password"]');
  await agentTab.waitForNavigation({ timeout: 20_000 }).catch(() => undefined);
  await agentTab.waitForSelector('#signed-in-as', { timeout: 20_000 });
  expect(await agentTab.$eval('#signed-in-as', (el) => el.textContent)).toContain('Ada Lovelace');
  expect(worker.restarted()).toBe(true);
});
