import { test, expect } from '@playwright/test';
import { DEV_EXTENSION_ID } from '../../lib/extension-key';
import { AirlockClient } from '../../lib/protocol/client';
import { SITE_USERS } from '../sites/start-sites';
import { openToolbarPopup, puppeteerWithSites, stopServiceWorker } from './puppeteer-browser';
import { confirmWithPassword, createVaultInSettings } from './oauth-puppeteer-helpers';

const suite = puppeteerWithSites();

test('a brokered full-page sign-in survives a service-worker stop: the human continues afterwards and the agent tab ends signed in', async () => {
  test.setTimeout(120_000);
  const { browser, sites } = suite;
  // Continue is proven with the master password (no passkey here): a vault first.
  await (await createVaultInSettings(browser, (await browser.pages())[0]!)).close();
  const agentTab = await browser.newPage();
  await agentTab.goto(`${sites.urls.relyingParty}/?mode=redirect`);
  const client = new AirlockClient((e) => agentTab.evaluate(e), { name: 'restart-agent' }, { timeoutMs: 20_000 });
  await client.hello();

  await agentTab.click('#sign-in');
  const humanTarget = await browser.waitForTarget((t) => t.url().startsWith(`chrome-extension://${DEV_EXTENSION_ID}/human-window.html`), { timeout: 30_000 });
  const human = (await humanTarget.asPage())!;
  // The human window holds (sandboxed); the consent waits in the toolbar popup.
  await human.waitForSelector('[data-testid="hold-body"]');
  const flowId = new URL(human.url()).searchParams.get('flow')!;
  const consent = `[data-testid="oauth-consents"] article.consent[data-flow="${flowId}"]`;

  await (await stopServiceWorker(agentTab)).close();

  // The popup and the click wake the worker; the flow, its binding and the network rules were persisted.
  // Over a tab of the human's (the agent's tab is between pages while its sign-in waits).
  const popup = await openToolbarPopup(browser, (await browser.pages())[0]!);
  await popup.waitForSelector(`${consent} [data-action="oauth-continue"]`, { timeout: 30_000 });
  await popup.click(`${consent} [data-action="oauth-continue"]`);
  // The vault key died with the worker; the password still proves the human.
  await confirmWithPassword(popup, consent);
  await human.waitForSelector('#email', { timeout: 30_000 });
  await popup.close().catch(() => undefined);
  await human.type('#email', SITE_USERS.ada.username);
  await human.type('#password', SITE_USERS.ada.password);
  await Promise.all([human.waitForNavigation(), human.click('#sign-in')]);
  await human.waitForSelector('#allow', { timeout: 30_000 });
  await human.click('#allow');

  await agentTab.waitForFunction(() => document.querySelector('#signed-in-as')?.textContent === 'Signed in as Ada Lovelace', { timeout: 30_000 });
  await expect.poll(async () => (await client.oauthFlows()).map((f) => f.status)).toEqual(['completed']);
  await agentTab.close();
});
