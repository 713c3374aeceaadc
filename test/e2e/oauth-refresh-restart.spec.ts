import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { agentAsksForToken, agentOn, approveToken, signInAndAllow, internal, setUpTokenBroker, tokenAudit, unlockInSettings } from './oauth-puppeteer-helpers';
import { puppeteerWithSites, openToolbarPopup, stopServiceWorker } from './puppeteer-browser';
import { MASTER_PASSWORD } from './takeover-harness';

const suite = puppeteerWithSites();

/** Every place a refresh token must never be, as text: both storage areas, the audit export, the agent's protocol messages, its page. */
async function channels(options: Page, agentPages: Page[]): Promise<Record<string, string>> {
  const storage = await options.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { storage: { local: { get(): Promise<object> }; session: { get(): Promise<object> } } } }).chrome;
    return { local: JSON.stringify(await c.storage.local.get()), session: JSON.stringify(await c.storage.session.get()) };
  });
  const audit = (await internal(options, 'vault.auditExport')) as { value: { json: string } };
  const found: Record<string, string> = { 'storage.local': storage.local, 'storage.session': storage.session, 'audit-export': audit.value.json };
  for (const [index, page] of agentPages.entries()) {
    found[`protocol-${index}`] = String(await page.evaluate('JSON.stringify(window.__protocolLog || [])'));
    found[`page-${index}`] = await page.content();
  }
  return found;
}

function leaksOf(found: Record<string, string>, secrets: readonly string[]): string[] {
  return Object.entries(found).flatMap(([channel, text]) => secrets.filter((secret) => text.includes(secret)).map(() => channel));
}

test('refresh token in the vault: after a service-worker stop the agent gets a fresh access token without a new consent; another agent or tab must ask the human; the refresh token appears nowhere', async () => {
  test.setTimeout(240_000);
  const { browser, sites } = suite;
  const options = await setUpTokenBroker(browser, (await browser.pages())[0]!, sites);

  const { agentTab, agent, pending } = await agentAsksForToken(browser, sites, 'refresh-agent', 120_000);

  const popup = await openToolbarPopup(browser, agentTab);
  await approveToken(popup);
  await signInAndAllow(browser, sites);
  const first = await pending;
  expect(first.scope.split(' ').sort()).toEqual(['openid', 'profile']);
  expect(sites.oidc.issuedRefreshTokens().length).toBeGreaterThan(0);

  await (await stopServiceWorker(agentTab)).close();

  // The vault key lived only in the stopped worker's memory: the vault is locked now (it used to
  // resume from storage.session), and the human unlocks it again in the settings.
  expect(await internal(options, 'vault.status')).toMatchObject({ ok: true, value: { unlocked: false } });
  await unlockInSettings(options);

  // The grant and its refresh token outlived the worker: no new consent.
  const again = await agent.requestToken('local-id', ['openid', 'profile'], { timeoutMs: 60_000 });
  expect(again.accessToken).not.toBe(first.accessToken);
  expect(again.scope.split(' ').sort()).toEqual(['openid', 'profile']);
  let audit = await tokenAudit(options);
  expect(audit.map((row) => row.reason)).toEqual(['TOKEN_REQUESTED', 'TOKEN_GRANTED', 'TOKEN_ISSUED', 'TOKEN_ISSUED']);
  expect(audit.at(-1)?.details?.via).toBe('refresh');

  // Another agent identity in another tab, same provider and scopes: not served silently.
  const otherTab = await browser.newPage();
  await otherTab.goto(`${sites.urls.relyingParty}/?mode=popup`);
  const other = await agentOn(otherTab, 'other-agent');
  const otherPending = other.requestToken('local-id', ['openid', 'profile'], { timeoutMs: 120_000 }).catch((error: { code?: string }) => error.code);
  await expect.poll(async () => (await tokenAudit(options)).at(-1)?.reason, { timeout: 30_000 }).toBe('TOKEN_REQUESTED');
  audit = await tokenAudit(options);
  expect(audit.at(-1)?.details?.boundElsewhere).toBe(true);
  const otherPopup = await openToolbarPopup(browser, otherTab);
  await otherPopup.waitForSelector('[data-action="deny-token"]', { timeout: 30_000 });
  expect(await otherPopup.evaluate(() => document.body.innerText)).toContain('other-agent 1.0');
  await otherPopup.click('[data-action="deny-token"]');
  expect(await otherPending).toBe('TOKEN_REQUEST_DENIED');

  // Locked vault: a stable code for the agent, and the grant still works after the human unlocks.
  expect((await internal(options, 'vault.lock')).ok).toBe(true);
  await expect(agent.requestToken('local-id', ['openid', 'profile'])).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  expect((await internal(options, 'vault.unlock', { password: MASTER_PASSWORD })).ok).toBe(true);
  const afterUnlock = await agent.requestToken('local-id', ['openid', 'profile'], { timeoutMs: 60_000 });
  expect(afterUnlock.accessToken).not.toBe(again.accessToken);

  // No refresh token the provider ever issued (rotation issues one per refresh) is anywhere the agent or storage shows.
  const refreshTokens = sites.oidc.issuedRefreshTokens();
  expect(refreshTokens.length).toBeGreaterThan(1);
  const found = await channels(options, [agentTab, otherTab]);
  expect(Object.keys(found)).toHaveLength(7);
  expect(leaksOf(found, refreshTokens)).toEqual([]);
  // The scan does read the agent's protocol channel: the token replies are there, sealed to the
  // agent's key, so that not even the access token shows in it.
  expect(found['protocol-0']).toContain('sealedAccessToken');
  expect(leaksOf(found, [afterUnlock.accessToken])).toEqual([]);

  // The scan catches a planted copy in storage and in the page.
  await options.evaluate(async (planted) => {
    await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ planted });
  }, refreshTokens[0]!);
  await otherTab.evaluate((planted) => document.body.append(planted), refreshTokens.at(-1)!);
  expect(leaksOf(await channels(options, [agentTab, otherTab]), refreshTokens).sort()).toEqual(['page-1', 'storage.local']);
  await options.evaluate(async () => {
    await (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove('planted');
  });

  // Revocation: the grant and its refresh token go at once; the next request waits for the human.
  await options.bringToFront();
  await options.reload();
  await options.waitForSelector('[data-grant] [data-action="revoke"]', { timeout: 30_000 });
  await options.click('[data-grant] [data-action="revoke"]');
  await options.waitForSelector('[data-testid="no-grants"]', { timeout: 30_000 });
  audit = await tokenAudit(options);
  expect(audit.at(-1)).toMatchObject({ reason: 'TOKEN_GRANT_REVOKED', details: { revokedAtProvider: true } });
  const stored = await options.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('airlock-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('grantSecrets').objectStore('grantSecrets').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        };
      }),
  );
  expect(stored).toBe(0);
  await Promise.all([agentTab.close(), otherTab.close(), options.close()]);
});
