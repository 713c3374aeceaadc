import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { agentAsksForToken, approveToken, internal, signInAndAllow, setUpTokenBroker, tokenAudit, unlockInSettings } from './oauth-puppeteer-helpers';
import { puppeteerWithSites, openToolbarPopup, stopServiceWorker } from './puppeteer-browser';

const suite = puppeteerWithSites();

/** The token requests Airlock keeps in storage.session, read from an Airlock page (no worker needed). */
async function storedRequests(options: Page): Promise<Array<Record<string, unknown>>> {
  return options.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
    return ((await c.storage.session.get('tokenRequests.v1'))['tokenRequests.v1'] as Array<Record<string, unknown>> | undefined) ?? [];
  });
}

test('a token request survives a service-worker stop while the human decides: the popup lists it after the restart, the human approves and signs in, and the agent\'s waiting requestToken resolves with a token that works at userinfo', async () => {
  test.setTimeout(240_000);
  const { browser, sites } = suite;
  const options = await setUpTokenBroker(browser, (await browser.pages())[0]!, sites);

  // The agent waits on its ticket across the restart: the token is pushed to this document whenever it comes.
  const { agentTab, pending } = await agentAsksForToken(browser, sites, 'restart-agent', 150_000);
  await expect.poll(async () => (await storedRequests(options)).length, { timeout: 30_000 }).toBe(1);

  // MV3 stops the idle worker before the human looks: nothing of the request is left in its memory.
  await (await stopServiceWorker(agentTab)).close();
  const [kept] = await storedRequests(options);
  expect(kept).toMatchObject({ provider: 'local-id', scopes: ['openid', 'profile'], agent: 'restart-agent 1.0', frameId: 0, status: 'pending' });
  // The vault key lived only in the stopped worker's memory: the vault is locked now (it used to
  // resume from storage.session), and the human unlocks it again in the settings.
  expect(await internal(options, 'vault.status')).toMatchObject({ ok: true, value: { unlocked: false } });
  await unlockInSettings(options);

  // The popup wakes a fresh worker, which lists the request from storage.session.
  const popup = await openToolbarPopup(browser, agentTab);
  await popup.waitForSelector('[data-action="approve-token"]', { timeout: 30_000 });
  const text = await popup.evaluate(() => document.body.innerText);
  expect(text).toContain('restart-agent 1.0');
  expect(text).toContain(sites.urls.relyingParty);
  await approveToken(popup);

  await signInAndAllow(browser, sites);

  const token = await pending;
  expect(token.scope.split(' ').sort()).toEqual(['openid', 'profile']);
  const discovery = (await (await fetch(`${sites.oidc.issuer}/.well-known/openid-configuration`)).json()) as { userinfo_endpoint: string };
  const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${token.accessToken}` } });
  expect(userinfo.status).toBe(200);
  expect(((await userinfo.json()) as { sub?: string }).sub).toBeTruthy();

  // One request, decided once, answered once; nothing left waiting.
  expect((await tokenAudit(options)).map((row) => row.reason)).toEqual(['TOKEN_REQUESTED', 'TOKEN_GRANTED', 'TOKEN_ISSUED']);
  await expect.poll(async () => (await storedRequests(options)).length, { timeout: 30_000 }).toBe(0);
  await Promise.all([agentTab.close(), options.close()]);
});
