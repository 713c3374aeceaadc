import type { BrowserContext, Page, Worker } from 'playwright-core';
import { testInOwnBrowser as test, expect } from './fixtures';
import { approveTokenAsHuman, auditEntries, patientAgent } from './oauth-helpers';
import { setUpVault } from './takeover-harness';
import { expectView, openPopup, openSettings, type ExtensionView } from './extension-view';
import { expectOwnPageRefused } from './own-page';
import { SITE_USERS, startSites, type RunningSites } from '../sites/start-sites';

let sites: RunningSites;
test.beforeAll(async () => {
  sites = await startSites();
});
test.afterAll(async () => {
  await sites?.close();
});
test.setTimeout(150_000);
// The refresh token is kept in the vault: it must exist and be open. Each test sees to it, so that a
// test stands alone (a retry runs it in a fresh browser) and after one that locked the vault.
test.beforeEach(async ({ airlock }) => {
  await setUpVault(airlock, []);
});

async function addProvider(options: ExtensionView): Promise<void> {
  const form = options.locator('#provider-form');
  await form.locator('input[name="id"]').fill('local-id');
  await form.locator('input[name="issuer"]').fill(sites.oidc.issuer);
  await form.locator('input[name="clientId"]').fill(sites.oidc.brokerClientId);
  await form.locator('button[type="submit"]').click();
  await expectView(options.locator('[data-provider="local-id"]')).toContainText(sites.oidc.issuer);
}

/** The window `identity.launchWebAuthFlow` opened on the provider's pages. */
async function webAuthFlowPage(context: BrowserContext, worker?: Worker): Promise<Page> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const page = context.pages().find((p) => p.url().startsWith(`${sites.oidc.issuer}/interaction/`));
    if (page) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Say what the broker did instead, so a failure explains itself.
  const broker = worker ? (await auditEntries(worker)).filter((e) => e.details?.broker).map((e) => `${e.reason} ${JSON.stringify(e.details)}`) : [];
  throw new Error(`no sign-in window; pages: ${context.pages().map((p) => p.url()).join(', ')}\nbroker audit:\n${broker.join('\n')}`);
}

/** Signs in if the provider asks (an earlier test of this browser may have left a session there), then allows. */
async function signInIfAskedAndAllow(signIn: Page): Promise<void> {
  await signIn.locator('#email, #allow').first().waitFor({ timeout: 20_000 });
  if (await signIn.locator('#email').isVisible()) {
    await signIn.locator('#email').fill(SITE_USERS.ada.username);
    await signIn.locator('#password').fill(SITE_USERS.ada.password);
    await signIn.locator('#sign-in').click();
  }
  await signIn.locator('#allow').click({ timeout: 20_000 });
}

async function userinfo(accessToken: string): Promise<Response> {
  const discovery = (await (await fetch(`${sites.oidc.issuer}/.well-known/openid-configuration`)).json()) as { userinfo_endpoint: string };
  return fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
}

/** Every string found anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Whether `candidate` works as a refresh token for the broker's client at the provider. */
async function worksAsRefreshToken(candidate: string): Promise<boolean> {
  const discovery = (await (await fetch(`${sites.oidc.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: candidate, client_id: sites.oidc.brokerClientId }),
  });
  return response.ok;
}

test('token broker: the human approves in the toolbar, the agent gets an access token with exactly the approved scopes, and revocation cuts it off', async ({ airlock, page }) => {
  const options = await openSettings(airlock);
  await addProvider(options);

  await page.goto(`${sites.urls.relyingParty}/?mode=popup`);
  const client = patientAgent(page, 'token-agent');
  await client.hello();
  // The page's own script (or any script it loaded) hears every protocol message.
  await page.evaluate(() => {
    const heard: string[] = ((window as unknown as { __heard: string[] }).__heard = []);
    window.addEventListener('message', (e) => heard.push(JSON.stringify(e.data)));
  });
  const pending = client.requestToken('local-id', ['openid', 'profile']);

  const popup = await openPopup(airlock, page);
  await popup.waitForSelector('[data-action="approve-token"]', { timeout: 20_000 });
  const text = await popup.text();
  expect(text).toContain('token-agent 1.0');
  expect(text).toContain(sites.urls.relyingParty);
  expect(text).toContain(sites.oidc.issuer);
  await approveTokenAsHuman(popup);

  const signIn = await webAuthFlowPage(airlock.context, await airlock.serviceWorker());
  await signIn.locator('#email').fill(SITE_USERS.ada.username);
  await signIn.locator('#password').fill(SITE_USERS.ada.password);
  await signIn.locator('#sign-in').click();
  await signIn.locator('#allow').click({ timeout: 20_000 });
  await popup.close();

  const token = await pending;
  expect(Object.keys(token).sort()).toEqual(['accessToken', 'expiresAt', 'provider', 'scope', 'tokenType']);
  // What the page heard: the token reply, sealed to the agent's key; never the token itself.
  const heard = await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
  expect(heard.some((m) => m.includes('"sealedAccessToken"'))).toBe(true);
  expect(heard.filter((m) => m.includes(token.accessToken))).toEqual([]);
  expect(token.scope.split(' ').sort()).toEqual(['openid', 'profile']);
  expect(token.expiresAt).toBeGreaterThan(Date.now());

  const profile = (await (await userinfo(token.accessToken)).json()) as Record<string, unknown>;
  expect(profile).toMatchObject({ sub: 'ada', name: SITE_USERS.ada.name });
  expect(profile).not.toHaveProperty('email');

  // The refresh token never left Airlock: nothing the agent received, nothing in storage or the audit
  // log, works as one at the provider.
  const worker = await airlock.serviceWorker();
  const stored = await worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { storage: { local: { get(): Promise<object> }; session: { get(): Promise<object> } } } }).chrome;
    return { local: await c.storage.local.get(), session: await c.storage.session.get() };
  });
  const candidates = [...new Set([...strings(stored), ...strings(await auditEntries(worker)), ...strings(token)])].filter(
    (s) => s.length >= 16 && s !== token.accessToken,
  );
  expect(candidates.length).toBeGreaterThan(3);
  for (const candidate of candidates) expect(await worksAsRefreshToken(candidate), 'a stored string works as a refresh token').toBe(false);

  // A second request with the same scopes is served from the grant, without asking the human again.
  const again = await client.requestToken('local-id', ['openid', 'profile'], { timeoutMs: 30_000 });
  expect(again.scope.split(' ').sort()).toEqual(['openid', 'profile']);
  expect(again.accessToken).not.toBe(token.accessToken);

  await options.reload();
  const grant = options.locator('[data-grant]');
  await expectView(grant).toHaveCount(1);
  await expectView(grant).toContainText('openid profile');
  await expectView(grant.getByTestId('grant-account')).toContainText('ada');
  await expectView(grant.getByTestId('grant-binding')).toContainText('renewed from the vault');
  await grant.locator('[data-action="revoke"]').click();
  await expectView(options.getByTestId('no-grants')).toBeVisible();

  expect((await userinfo(token.accessToken)).status).toBe(401);
  expect((await userinfo(again.accessToken)).status).toBe(401);

  const audit = (await auditEntries(worker)).filter((e) => e.details?.broker === 'token');
  expect(audit.map((e) => e.reason)).toEqual(['TOKEN_REQUESTED', 'TOKEN_GRANTED', 'TOKEN_ISSUED', 'TOKEN_ISSUED', 'TOKEN_GRANT_REVOKED']);
  expect(audit.map((e) => e.details?.via ?? '')).toEqual(['', '', 'code', 'refresh', '']);
  expect(audit.at(-1)?.details?.revokedAtProvider).toBe(true);
  await options.close();
});

test('token broker: Deny in the toolbar refuses the agent; an Airlock page in a tab cannot approve', async ({ airlock, page }) => {
  const options = await openSettings(airlock);
  await addProvider(options);
  await page.goto(`${sites.urls.relyingParty}/?mode=popup`);
  const client = patientAgent(page, 'token-agent');
  await client.hello();
  // A popup the human already has open shows the request as it arrives, without being reopened.
  const open = await openPopup(airlock, page);
  await open.waitForSelector('[data-testid="status"]');
  expect(await open.evaluate<boolean>('!!document.querySelector(\'[data-action="deny-token"]\')')).toBe(false);
  const pending = client.requestToken('local-id', ['openid', 'email']).catch((error: { code?: string }) => error.code);
  await open.waitForSelector('[data-action="deny-token"]', { timeout: 20_000 });
  await open.close();

  // The agent opens the popup page in a tab of its own to click Approve (and type the master password
  // the vault asks for). Formerly the page loaded and its token.decide was refused (SENDER_FORBIDDEN);
  // now Airlock closes the tab before the page's scripts run, locks the vault, and records it.
  await expectOwnPageRefused(airlock, '/popup.html', { vaultWasOpen: true });
  expect((await auditEntries(await airlock.serviceWorker())).filter((e) => e.details?.message === 'token.decide')).toEqual([]);

  const popup = await openPopup(airlock, page);
  await popup.waitForSelector('[data-action="deny-token"]', { timeout: 20_000 });
  await popup.click('[data-action="deny-token"]');
  expect(await pending).toBe('TOKEN_REQUEST_DENIED');
  await popup.close();

  await expect(client.requestToken('no-such-provider', ['openid'])).rejects.toMatchObject({ code: 'TOKEN_PROVIDER_UNKNOWN' });
  await options.close();
});

test('token broker: where the browser lacks identity.launchWebAuthFlow, the same code + PKCE flow runs in Airlock\'s human window and its redirect is captured, never loaded', async ({ airlock, page }) => {
  const options = await openSettings(airlock);
  await addProvider(options);
  // As in a browser without the API (some Firefox forks): nothing in the build is switched for the test.
  const worker = await airlock.serviceWorker();
  await worker.evaluate(() => {
    const identity = (globalThis as unknown as { chrome: { identity: Record<string, unknown> } }).chrome.identity;
    identity.launchWebAuthFlow = undefined;
  });
  await page.goto(`${sites.urls.relyingParty}/?mode=popup`);
  const client = patientAgent(page, 'window-agent');
  await client.hello();
  const pending = client.requestToken('local-id', ['openid', 'profile'], { timeoutMs: 120_000 });

  const popup = await openPopup(airlock, page);
  await popup.waitForSelector('[data-action="approve-token"]', { timeout: 20_000 });
  await approveTokenAsHuman(popup);
  const signIn = await webAuthFlowPage(airlock.context, worker);
  await popup.close();
  await signInIfAskedAndAllow(signIn);

  const token = await pending;
  expect(token.scope.split(' ').sort()).toEqual(['openid', 'profile']);
  expect((await userinfo(token.accessToken)).status).toBe(200);
  // Airlock's window closed itself once it had read the response from the redirect's blocked load.
  await expect.poll(() => signIn.isClosed()).toBe(true);
  const flows = (await auditEntries(worker)).filter((e) => e.details?.broker === 'oauth' && e.details.variant === 'token');
  expect(flows.map((e) => e.reason)).toEqual(['OAUTH_HANDED_OFF', 'OAUTH_COMPLETED']);
  await options.close();
});

test('token broker: the token goes only to the document that asked; a page that moved on before the decision loses its request, one that moved on during the sign-in gets nothing, both audited', async ({ airlock, page }) => {
  const options = await openSettings(airlock);
  await addProvider(options);
  const worker = await airlock.serviceWorker();
  const lastTokenReason = async () => (await auditEntries(worker)).filter((e) => e.details?.broker === 'token').at(-1)?.reason;
  await page.goto(`${sites.urls.relyingParty}/?mode=popup`);
  const client = patientAgent(page, 'moving-agent');
  await client.hello();
  void client.requestToken('local-id', ['openid']).catch(() => undefined);
  await expect.poll(lastTokenReason, { timeout: 30_000 }).toBe('TOKEN_REQUESTED');

  // The agent's tab loads another document (same origin) before the human decides: nobody is asked about it.
  await page.goto(`${sites.urls.relyingParty}/?mode=redirect`);
  const before = await openPopup(airlock, page);
  await expect.poll(lastTokenReason, { timeout: 30_000 }).toBe('TOKEN_DELIVERY_TARGET_GONE');
  expect(await before.evaluate<boolean>('!!document.querySelector(\'[data-action="approve-token"]\')')).toBe(false);
  await before.close();

  // Asked again from the new document; it moves on while the human signs in at the provider.
  const again = patientAgent(page, 'moving-agent');
  await again.hello();
  void again.requestToken('local-id', ['openid']).catch(() => undefined);
  const popup = await openPopup(airlock, page);
  await popup.waitForSelector('[data-action="approve-token"]', { timeout: 20_000 });
  await approveTokenAsHuman(popup);
  const signIn = await webAuthFlowPage(airlock.context, worker);
  await page.goto(`${sites.urls.relyingParty}/?mode=popup`);
  await page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as { __airlockSeen: string[] }).__airlockSeen = log;
    window.addEventListener('message', (event) => log.push(JSON.stringify(event.data)));
  });
  await signInIfAskedAndAllow(signIn);
  await popup.close();

  await expect
    .poll(async () => (await auditEntries(worker)).filter((e) => e.details?.broker === 'token').map((e) => e.reason).slice(-2), { timeout: 30_000 })
    .toEqual(['TOKEN_ISSUED', 'TOKEN_DELIVERY_TARGET_GONE']);
  const seen = await page.evaluate(() => (window as unknown as { __airlockSeen: string[] }).__airlockSeen.join('\n'));
  expect(seen).not.toContain('accessToken');
  await options.close();
});
