import type { AssertionJSON, AssertionOptionsJSON, RegistrationOptionsJSON } from '../../lib/approvals/messages';
import { SITE_USERS, startSites, type RunningSites } from '../sites/start-sites';
// A browser of its own: the first test needs one where no vault was ever made.
import { expect, testInOwnBrowser as test } from './fixtures';
import { auditEntries, consentIn, flowOf, humanWindow, leftHoldingPage, patientAgent, popupWithConsent, signInAndAllow } from './oauth-helpers';
import { HumanKey, listPasskeys, sendFromExtensionPage, VIRTUAL_AUTHENTICATOR } from './step-up-human';
import { assertWithOwnCredential, createOwnCredential, registerFromOptions } from './step-up-page-webauthn';
import { agentClient } from './agent-tab';
import { addEntry, confirmVaultEdit, MASTER_PASSWORD, unlockVault } from './takeover-harness';
import { expectView, openPopup, openSettings, type ExtensionView } from './extension-view';

/**
 * Human decisions on Airlock's own pages are proven, not just clicked: automation that drives those
 * pages (an agent that opened them in a tab, a CDP harness clicking) cannot produce the proof.
 */
let sites: RunningSites;
const human = new HumanKey();

test.use({ ownBrowser: 'human-confirmation' });
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);
test.beforeAll(async () => {
  sites = await startSites();
});
test.afterAll(async ({ airlock }) => {
  await sites?.close();
  // Spec files after this one share the browser and expect no passkey.
  if (human.credential) await human.unenroll(airlock);
});

/** What code in Airlock's settings could do by itself: a real registration from its own authenticator, sent with `proof`. */
async function enrollDirectly(page: ExtensionView, proof: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  const { options } = (await sendFromExtensionPage(page, 'passkey.registrationOptions', { name: 'rogue' })).value as { options: RegistrationOptionsJSON };
  const registration = await page.evaluate(registerFromOptions(options));
  return sendFromExtensionPage(page, 'passkey.enroll', { registration, name: 'rogue', factor: null, proof });
}

test('the first passkey cannot be enrolled without the vault\'s master password; the settings send the human to create the vault first', async ({ airlock }) => {
  const options = await openSettings(airlock);
  const send = <T,>(method: string, params: Record<string, unknown> = {}) => options.send<T>(method, params);
  await send('WebAuthn.enable', { enableUI: false });
  await send('WebAuthn.addVirtualAuthenticator', { options: VIRTUAL_AUTHENTICATOR });

  // No vault yet (the settings have loaded and say so): the page says to create it; a direct message is refused the same way.
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'none', { timeout: 30_000 });
  await options.locator('#passkey-name').fill('First key');
  await options.click('[data-action="enroll"]');
  await expectView(options.locator('[data-testid="passkeys"] [data-testid="confirm-error"]')).toHaveAttribute('data-code', 'VAULT_NOT_CREATED');
  expect(await enrollDirectly(options, { kind: 'master-password', password: MASTER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'VAULT_NOT_CREATED' } });

  // With a vault: a real registration sent without the password, with a bare click, or with a guess.
  await options.locator('[data-testid="vault-create"] input[name="new-password"]').fill(MASTER_PASSWORD);
  await options.locator('[data-testid="vault-create"] input[name="confirm-password"]').fill(MASTER_PASSWORD);
  await options.click('[data-testid="vault-create"] button[type="submit"]');
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'unlocked', { timeout: 30_000 });
  expect(await enrollDirectly(options, null)).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
  expect(await enrollDirectly(options, { kind: 'none' })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
  expect(await enrollDirectly(options, { kind: 'master-password', password: 'a guess 999' })).toMatchObject({ ok: false, error: { code: 'VAULT_WRONG_PASSWORD' } });
  expect(await listPasskeys(options)).toEqual([]);
  const audit = await auditEntries(await airlock.serviceWorker());
  expect(audit.filter((e) => e.kind === 'refusal' && e.details?.purpose === 'passkey-enroll').map((e) => e.reason)).toEqual(
    expect.arrayContaining(['VAULT_NOT_CREATED', 'CONFIRMATION_REQUIRED', 'VAULT_WRONG_PASSWORD']),
  );
  expect(JSON.stringify(audit)).not.toContain('a guess 999');
  await options.close();

  // The human, with the master password: enrolled.
  const enrolled = await human.enroll(airlock, 'Human key');
  expect((await listPasskeys(enrolled)).map((p) => p.name)).toEqual(['Human key']);
  await enrolled.close();
});

test('with a passkey enrolled, OAuth Continue without a valid assertion is refused and audited; the enrolled key completes the sign-in', async ({ airlock, page }) => {
  await airlock.context.clearCookies();
  await page.goto(`${sites.urls.relyingParty}/?mode=redirect`);
  const client = patientAgent(page);
  await client.hello();
  await page.locator('#sign-in').click();
  const holding = await humanWindow(airlock.context, airlock.extensionId);
  const flowId = flowOf(holding);
  const handedOff = await client.waitForOAuth((f) => f.status === 'handed-off');
  // The human window holds a sandboxed page: no extension API there to decide with.
  expect(await holding.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
  const popup = await popupWithConsent(airlock, flowId);
  const consent = consentIn(popup, flowId);
  await expectView(consent.getByTestId('human-confirm')).toHaveAttribute('data-method', 'passkey');

  // Forged from the toolbar popup itself (code there, a harness clicking): a bare Continue, a password instead of the passkey.
  const decide = (proof: unknown) => sendFromExtensionPage(popup, 'oauth.decide', { flowId, decision: 'continue', proof });
  expect(await decide(null)).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
  expect(await decide({ kind: 'master-password', password: MASTER_PASSWORD })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });

  // A second authenticator, not enrolled, signs the real challenge for this very flow.
  const send = <T,>(method: string, params: Record<string, unknown> = {}) => popup.send<T>(method, params);
  await send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId: rogue } = await send<{ authenticatorId: string }>('WebAuthn.addVirtualAuthenticator', { options: VIRTUAL_AUTHENTICATOR });
  await popup.evaluate(createOwnCredential(airlock.extensionId));
  const challenge = (await sendFromExtensionPage(popup, 'passkey.factorOptions', { purpose: 'oauth-continue', subject: JSON.stringify(['oauth-continue', flowId]) })).value as AssertionOptionsJSON;
  const forged = (await popup.evaluate(assertWithOwnCredential({ ...challenge, allowCredentials: [] }))) as AssertionJSON;
  expect(await decide({ kind: 'passkey', assertion: forged })).toMatchObject({ ok: false, error: { code: 'AUTHENTICATOR_UNKNOWN' } });
  await send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: rogue });

  // Still waiting for the human, and every attempt is in the audit log.
  expect((await client.oauthFlows()).find((f) => f.flow === handedOff.flow)?.status).toBe('handed-off');
  await expectView(consent.locator('[data-action="oauth-continue"]')).toBeVisible();
  const refusals = (await auditEntries(await airlock.serviceWorker())).filter((e) => e.kind === 'refusal' && e.details?.purpose === 'oauth-continue');
  expect(refusals.map((e) => e.reason)).toEqual(['CONFIRMATION_REQUIRED', 'CONFIRMATION_REQUIRED', 'AUTHENTICATOR_UNKNOWN']);

  // The human: Continue in the popup, and the enrolled key (user verification) there; the human window goes on to the provider.
  const authenticatorId = await human.present(send);
  await consent.locator('[data-action="oauth-continue"]').click();
  await leftHoldingPage(holding);
  await holding.locator('#email').waitFor({ timeout: 30_000 });
  // The key's counter moved: carry it back (the key is removed at the end).
  await human.sync(send, authenticatorId);
  await popup.close();
  await signInAndAllow(holding);
  await expect(page.locator('#signed-in-as')).toHaveText('Signed in as Ada Lovelace', { timeout: 30_000 });
  const audit = await auditEntries(await airlock.serviceWorker());
  expect(audit.filter((e) => e.kind === 'approval' && e.details?.purpose === 'oauth-continue').map((e) => e.reason)).toEqual(['HUMAN_CONFIRMED_PASSKEY']);
  expect(audit.filter((e) => e.details?.broker === 'oauth' && e.details.flow === handedOff.flow).map((e) => e.reason)).toEqual(['OAUTH_HANDED_OFF', 'OAUTH_CONTINUED', 'OAUTH_COMPLETED']);
});

test('with a passkey enrolled, vault edits and the entry released to an agent\'s login need it; the master password no longer does', async ({ airlock, page }) => {
  const ada = SITE_USERS.ada;
  const options = await openSettings(airlock);
  if ((await options.getByTestId('vault').getAttribute('data-state')) === 'locked') await unlockVault(options);
  await expectView(options.getByTestId('vault')).toHaveAttribute('data-state', 'unlocked', { timeout: 30_000 });
  // The master password, sent by code in the page, opens no edit session once a passkey is enrolled.
  expect(await sendFromExtensionPage(options, 'vault.beginEdit', { proof: { kind: 'master-password', password: MASTER_PASSWORD } })).toMatchObject({
    ok: false,
    error: { code: 'CONFIRMATION_REQUIRED' },
  });
  await confirmVaultEdit(options, MASTER_PASSWORD, human);
  await addEntry(options, { title: 'Example Mail', origin: sites.urls.signIn, username: ada.username, password: ada.password });
  await options.close();

  // The agent's login waits for the human in the toolbar popup.
  const agent = agentClient(page);
  await page.goto(`${sites.urls.signIn}/login`);
  await agent.hello();
  const popup = await openPopup(airlock, page);
  try {
    // Other spec files share this browser: pick this site's request, not whichever is listed first.
    const card = `.credential-request[data-origin="${new URL(sites.urls.signIn).origin}"]`;
    await popup.waitForSelector(`${card} [data-entry-id]`, { timeout: 20_000 });
    const ids = await popup.evaluate<{ requestId: string; entryId: string }>(
      `(() => { const r = document.querySelector(${JSON.stringify(card)}); return { requestId: r.dataset.id, entryId: r.querySelector('[data-entry-id]').dataset.entryId }; })()`,
    );
    // A click's message without the passkey (what a harness clicking in the popup could send) is refused.
    const forged = await popup.evaluate<{ ok: boolean; error?: { code: string } }>(
      `chrome.runtime.sendMessage({ airlock: 'internal', kind: 'credential.decide', payload: { ...${JSON.stringify(ids)}, remember: false, proof: null } })`,
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(page.url()).toContain('/login');

    // The human: the entry, then the enrolled key.
    const send = <T,>(method: string, params: Record<string, unknown> = {}) => popup.send<T>(method, params);
    const authenticatorId = await human.present(send);
    await popup.click(`${card} [data-entry-id="${ids.entryId}"]`);
    await page.waitForURL('**/account', { timeout: 30_000 });
    await expect(page.locator('#signed-in-as')).toContainText('Ada Lovelace');
    await human.sync(send, authenticatorId);
  } finally {
    await popup.close();
  }
  const audit = await auditEntries(await airlock.serviceWorker());
  const decisions = audit.filter((e) => e.details?.purpose === 'credential-release').map((e) => [e.kind, e.reason]);
  expect(decisions).toEqual([
    ['refusal', 'CONFIRMATION_REQUIRED'],
    ['approval', 'HUMAN_CONFIRMED_PASSKEY'],
  ]);
  expect(audit.filter((e) => e.details?.purpose === 'vault-edit').map((e) => [e.kind, e.reason])).toEqual(
    expect.arrayContaining([
      ['refusal', 'CONFIRMATION_REQUIRED'],
      ['approval', 'HUMAN_CONFIRMED_PASSKEY'],
    ]),
  );
  expect(JSON.stringify(audit)).not.toContain(ada.password);
});
