import type { Page } from 'playwright-core';
import { test, expect } from './fixtures';
import type { AirlockOAuthEvent } from '../../lib/protocol/messages';
import { auditEntries, brokerAudit, consentIn, continueAsHuman, denyAsHuman, expireFlow, flowOf, humanWindow, leaks, patientAgent, popupWithConsent, recordAgentView, signInAndAllow } from './oauth-helpers';
import { expectView } from './extension-view';
import { SITE_USERS, startSites, type RunningSites } from '../sites/start-sites';
import { setUpVault } from './takeover-harness';

let sites: RunningSites;
test.beforeAll(async () => {
  sites = await startSites();
});
// Continue is a decision: it needs the master password (no passkey here), so a vault exists.
test.beforeEach(async ({ airlock }) => {
  await setUpVault(airlock, []);
});
test.afterAll(async () => {
  await sites?.close();
});
test.setTimeout(120_000);
// Every test starts signed out of the relying party and of the provider (cookies are per host, not per port).
test.beforeEach(async ({ airlock }) => {
  await airlock.context.clearCookies();
});

/** The relying party's signed-out home page (a previous test may have signed Ada in: the profile is shared). */
async function signedOut(page: Page, mode: 'popup' | 'redirect'): Promise<void> {
  const home = `${sites.urls.relyingParty}/?mode=${mode}`;
  await page.goto(home);
  if (await page.locator('#sign-out').count()) {
    await page.locator('#sign-out').click();
    await page.goto(home);
  }
}

test('pop-up sign-in: moved to the human window, with the consent in the toolbar popup; the agent tab ends signed in and never saw the login form', async ({ airlock, page }) => {
  const rp = sites.urls.relyingParty;
  await page.goto(`${rp}/?mode=popup`);
  const client = patientAgent(page);
  await client.hello();
  const view = recordAgentView(page);

  await page.locator('#sign-in').click();
  // The human window holds (sandboxed, no decision there) and says who asks for what.
  const human = await humanWindow(airlock.context, airlock.extensionId);
  await expect(human.getByTestId('hold-body')).toBeVisible();
  await expect(human.getByTestId('relying-party')).toHaveText(rp);
  await expect(human.getByTestId('provider')).toHaveText(sites.urls.oidcIssuer);
  await expect(human.getByTestId('agent')).toHaveText('e2e-agent 1.0');
  await expect(human.getByTestId('scopes')).toHaveText('openid profile email');
  // The consent itself, in the toolbar popup: the same details, the scopes in plain words.
  const popup = await popupWithConsent(airlock, flowOf(human));
  const consent = consentIn(popup, flowOf(human));
  await expectView(consent.getByTestId('relying-party')).toHaveText(rp);
  await expectView(consent.getByTestId('provider')).toHaveText(sites.urls.oidcIssuer);
  await expectView(consent.getByTestId('agent')).toHaveText('e2e-agent 1.0');
  await expectView(consent.locator('[data-scope]')).toHaveCount(3);
  await expectView(consent.locator('[data-scope="email"]')).toContainText('e-mail');
  await popup.close();

  // Pushed to the agent's page as an event, too (it said hello), with no code, state or page content.
  const event = await client.waitForEvent((e): e is AirlockOAuthEvent => e.event === 'oauth');
  expect(event.oauth).toMatchObject({ status: 'handed-off', variant: 'popup', provider: sites.urls.oidcIssuer });
  const handedOff = await client.waitForOAuth((f) => f.status === 'handed-off');
  expect(handedOff).toMatchObject({ status: 'handed-off', variant: 'popup', provider: sites.urls.oidcIssuer, relyingParty: rp });
  expect(JSON.stringify(handedOff)).not.toMatch(/state|code_challenge/);

  await continueAsHuman(airlock, human);
  await signInAndAllow(human);

  await expect(page.locator('#signed-in-as')).toHaveText('Signed in as Ada Lovelace', { timeout: 30_000 });
  const snapshots = await view.stop();
  expect(snapshots.length).toBeGreaterThan(4);
  expect(leaks(snapshots)).toEqual([]);

  const done = await client.waitForOAuth((f) => f.flow === handedOff.flow && f.status === 'completed');
  expect(done.variant).toBe('popup');

  const worker = await airlock.serviceWorker();
  const audit = brokerAudit(await auditEntries(worker), handedOff.flow);
  expect(audit.map((e) => e.reason)).toEqual(['OAUTH_HANDED_OFF', 'OAUTH_CONTINUED', 'OAUTH_COMPLETED']);
  expect(JSON.stringify(audit)).not.toContain(sites.urls.oidcIssuer + '/auth?');
});

test('redirect sign-in: opened in the human window; the result is delivered back to the agent tab, which ends signed in', async ({ airlock, page }) => {
  const rp = sites.urls.relyingParty;
  await signedOut(page, 'redirect');
  const client = patientAgent(page);
  await client.hello();
  const view = recordAgentView(page);

  await page.locator('#sign-in').click();
  const human = await humanWindow(airlock.context, airlock.extensionId);
  await expect(human.getByTestId('relying-party')).toHaveText(rp);
  await expect(human.getByTestId('agent')).toHaveText('e2e-agent 1.0');
  const handedOff = await client.waitForOAuth((f) => f.status === 'handed-off');
  expect(handedOff).toMatchObject({ status: 'handed-off', variant: 'redirect' });
  // While the human signs in, the agent's tab is back on the page it came from.
  await expect.poll(() => page.url()).toBe(`${rp}/?mode=redirect`);

  await continueAsHuman(airlock, human);
  await signInAndAllow(human);

  await expect(page.locator('#signed-in-as')).toHaveText('Signed in as Ada Lovelace', { timeout: 30_000 });
  expect(leaks(await view.stop())).toEqual([]);
  expect((await client.oauthFlows()).find((f) => f.flow === handedOff.flow)?.status).toBe('completed');
  await expect.poll(() => human.isClosed()).toBe(true);

  const audit = brokerAudit(await auditEntries(await airlock.serviceWorker()), handedOff.flow);
  expect(audit.map((e) => e.reason)).toEqual(['OAUTH_HANDED_OFF', 'OAUTH_CONTINUED', 'OAUTH_COMPLETED']);
});

/** Starts a sign-in from the agent's tab, on a signed-out relying party. */
async function startSignIn(page: Page, mode: 'popup' | 'redirect') {
  await signedOut(page, mode);
  const client = patientAgent(page);
  await client.hello();
  const authorizeUrl = new URL((await page.locator('#sign-in').getAttribute('href'))!);
  await page.locator('#sign-in').click();
  // A full-page sign-in returns the agent's tab to the page it was on: poll through that navigation.
  const flow = await client.waitForOAuth((f) => f.status === 'handed-off');
  return { client, flow, state: authorizeUrl.searchParams.get('state')! };
}

test('a response with a mismatched state in the human window is refused before it reaches the site, and audited', async ({ airlock, page }) => {
  const rp = sites.urls.relyingParty;
  const { client, flow } = await startSignIn(page, 'redirect');
  const human = await humanWindow(airlock.context, airlock.extensionId);
  await continueAsHuman(airlock, human);
  await human.locator('#email').waitFor();

  sites.clearRecords();
  await human.goto(`${rp}/callback?code=forged&state=not-the-state`).catch(() => undefined);

  const ended = await client.waitForOAuth((f) => f.flow === flow.flow && f.status !== 'handed-off');
  expect(ended).toMatchObject({ status: 'refused', reason: 'OAUTH_STATE_MISMATCH' });
  await expect(page.locator('#sign-in-error')).toContainText('access_denied', { timeout: 30_000 });
  // The relying party saw only Airlock's error response, never the forged code.
  const callbacks = sites.log.filter((e) => e.site === 'relyingParty' && e.path === '/callback');
  expect(callbacks.length).toBeGreaterThan(0);
  expect(callbacks.filter((e) => !e.ok)).toEqual([]);

  const audit = brokerAudit(await auditEntries(await airlock.serviceWorker()), flow.flow);
  expect(audit.find((e) => e.reason === 'OAUTH_STATE_MISMATCH')).toMatchObject({ kind: 'refusal' });
});

test('a response with the right state arriving in another tab is refused and the sign-in ends cleanly', async ({ airlock, page }) => {
  const rp = sites.urls.relyingParty;
  const { client, flow, state } = await startSignIn(page, 'popup');
  const human = await humanWindow(airlock.context, airlock.extensionId);
  await continueAsHuman(airlock, human);

  sites.clearRecords();
  const other = await airlock.context.newPage();
  await other.goto(`${rp}/callback?code=stolen&state=${encodeURIComponent(state)}`).catch(() => undefined);

  const ended = await client.waitForOAuth((f) => f.flow === flow.flow && f.status !== 'handed-off');
  expect(ended).toMatchObject({ status: 'refused', reason: 'OAUTH_WRONG_TAB' });
  await expect(page.locator('#sign-in-error')).toContainText('access_denied', { timeout: 30_000 });
  await expect(other.locator('#signed-in-as')).toHaveCount(0);
  await other.close();
  // The stolen response never reached the relying party; only Airlock's error response did.
  expect(sites.log.filter((e) => e.site === 'relyingParty' && e.path === '/callback' && !e.ok)).toEqual([]);

  const audit = brokerAudit(await auditEntries(await airlock.serviceWorker()), flow.flow);
  expect(audit.find((e) => e.reason === 'OAUTH_WRONG_TAB')).toMatchObject({ kind: 'refusal' });
});

test('a completion after the flow expired is refused; the code is never delivered', async ({ airlock, page }) => {
  const { client, flow } = await startSignIn(page, 'popup');
  const human = await humanWindow(airlock.context, airlock.extensionId);
  await continueAsHuman(airlock, human);
  await human.locator('#email').fill(SITE_USERS.ada.username, { timeout: 20_000 });
  await human.locator('#password').fill(SITE_USERS.ada.password);
  await human.locator('#sign-in').click();
  await human.locator('#allow').waitFor({ timeout: 20_000 });

  await expireFlow(await airlock.serviceWorker(), flow.flow);
  await human.locator('#allow').click();

  const ended = await client.waitForOAuth((f) => f.flow === flow.flow && f.status !== 'handed-off');
  expect(ended).toMatchObject({ status: 'expired', reason: 'OAUTH_EXPIRED' });
  await expect(page.locator('#sign-in-error')).toContainText('access_denied', { timeout: 30_000 });
  await expect(page.locator('#signed-in-as')).toHaveCount(0);

  const audit = brokerAudit(await auditEntries(await airlock.serviceWorker()), flow.flow);
  expect(audit.find((e) => e.reason === 'OAUTH_EXPIRED')).toMatchObject({ kind: 'refusal' });
});

test('Deny in the toolbar popup ends the sign-in cleanly in the agent tab, and is audited', async ({ airlock, page }) => {
  const { client, flow } = await startSignIn(page, 'redirect');
  const human = await humanWindow(airlock.context, airlock.extensionId);
  await denyAsHuman(airlock, human);

  const ended = await client.waitForOAuth((f) => f.flow === flow.flow && f.status !== 'handed-off');
  expect(ended).toMatchObject({ status: 'denied', reason: 'OAUTH_DENIED' });
  await expect(page.locator('#sign-in-error')).toContainText('access_denied', { timeout: 30_000 });
  await expect.poll(() => human.isClosed()).toBe(true);

  const audit = brokerAudit(await auditEntries(await airlock.serviceWorker()), flow.flow);
  expect(audit.map((e) => [e.kind, e.reason])).toEqual([
    ['request', 'OAUTH_HANDED_OFF'],
    ['denial', 'OAUTH_DENIED'],
  ]);
});

test('the agent cannot see or decide a flow by opening the human-window page in a tab of its own', async ({ airlock, page }) => {
  const { flow } = await startSignIn(page, 'popup');
  const human = await humanWindow(airlock.context, airlock.extensionId);
  const forged = await airlock.context.newPage();
  await forged.goto(`chrome-extension://${airlock.extensionId}/human-window.html?flow=${flow.flow}`);
  // The page is sandboxed: an opaque origin with no extension API, nothing of the flow but what its
  // URL says (here nothing), and no Continue or Deny anywhere on it.
  await expect(forged.locator('h1')).toHaveText('Airlock');
  await expect(forged.getByTestId('relying-party')).toHaveCount(0);
  await expect(forged.locator('button')).toHaveCount(0);
  expect(await forged.evaluate(() => [window.origin, typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage])).toEqual(['null', 'undefined']);
  await forged.close();
  // Nothing was decided, and the real human still decides, in the toolbar popup.
  const audit = brokerAudit(await auditEntries(await airlock.serviceWorker()), flow.flow);
  expect(audit.map((e) => e.reason)).toEqual(['OAUTH_HANDED_OFF']);
  await denyAsHuman(airlock, human);
  await expect(page.locator('#sign-in-error')).toContainText('access_denied', { timeout: 30_000 });
});
