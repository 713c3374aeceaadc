import type { AssertionJSON, AssertionOptionsJSON, AuditEntry, RegistrationJSON, RegistrationOptionsJSON } from '../../lib/approvals/messages';
import type { ExtensionBrowser } from './extension-browser';
import { expect, test } from './fixtures';
import {
  approveNextInPopup,
  auditOf,
  denyAllApprovals,
  HumanKey,
  listApprovals,
  listPasskeys,
  openCheckout,
  passkeyIdOf,
  type Send,
  sendFromExtensionPage,
  stepUpSuite,
  type VirtualCredential,
  VIRTUAL_AUTHENTICATOR,
} from './step-up-human';
import { assertAndApprove, assertWithOwnCredential, createOwnCredential, registerFromOptions } from './step-up-page-webauthn';
import { MASTER_PASSWORD } from './takeover-harness';
import { expectView, openPopup, openSettings, type ExtensionView } from './extension-view';

/**
 * More than one passkey, end to end: a second authenticator is enrolled only with the passkey already
 * enrolled, renamed in the settings, approves a checkout on its own, and once removed approves nothing.
 */

/** The human's second authenticator (a phone next to the laptop's biometric, say). */
const phone = new HumanKey();
/** Airlock's id for the phone's passkey while it is enrolled. */
let phoneId: string | null = null;

// Declared before the suite's hooks so that it runs first: the suite then removes the human's passkey
// expecting it to be the only one. Whatever failed, no approval is left pending and the phone's passkey
// is removed, confirmed with itself.
test.afterAll(async ({ airlock }) => {
  const tab = await keyTab(airlock, phone.credential ? phone : undefined);
  await denyAllApprovals(tab.view);
  if (phoneId && (await listPasskeys(tab.view)).some((p) => p.id === phoneId)) {
    const factor = await tab.view.evaluate(assertWithOwnCredential(await removalOptions(tab.view, phoneId)));
    expect(await removePasskey(tab.view, phoneId, factor)).toMatchObject({ ok: true });
    phoneId = null;
  }
  await tab.view.close();
});

const suite = stepUpSuite();

/**
 * An Airlock view holding one authenticator: `key`'s, or a new one that holds no Airlock passkey.
 * Virtual authenticators belong to one target, and with two in a target either might answer a
 * ceremony; with one, which key signed is never in doubt. The settings by default; the toolbar popup
 * for a second view alive at the same time (one side panel per window).
 */
async function keyTab(airlock: ExtensionBrowser, key?: HumanKey, where: 'settings' | 'popup' = 'settings'): Promise<{ view: ExtensionView; send: Send; authenticatorId: string }> {
  const view = where === 'settings' ? await openSettings(airlock) : await openPopup(airlock);
  const send: Send = (method, params = {}) => view.send(method, params);
  if (key) return { view, send, authenticatorId: await key.present(send) };
  await send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await send<{ authenticatorId: string }>('WebAuthn.addVirtualAuthenticator', { options: VIRTUAL_AUTHENTICATOR });
  return { view, send, authenticatorId };
}

/** A one-time challenge for removing passkey `id`, answerable by any enrolled passkey. */
async function removalOptions(page: ExtensionView, id: string): Promise<AssertionOptionsJSON> {
  return (await sendFromExtensionPage(page, 'passkey.factorOptions', { purpose: 'remove-passkey', subject: id })).value as AssertionOptionsJSON;
}

function removePasskey(page: ExtensionView, id: string, factor: unknown) {
  return sendFromExtensionPage(page, 'passkey.remove', { id, factor });
}

/** Step-up audit entries about passkeys (enrolled, removed, refused) written since `since`. */
async function passkeyEvents(airlock: ExtensionBrowser, since: number): Promise<Array<Pick<AuditEntry, 'event' | 'code' | 'detail'>>> {
  return (await auditOf(await airlock.serviceWorker()))
    .filter((e) => e.at >= since && (e.event === 'enrolled' || e.event === 'removed' || (e.event === 'refused' && !e.approvalId)))
    .map((e) => ({ event: e.event, ...(e.code ? { code: e.code } : {}), detail: e.detail }));
}

test('a second passkey is enrolled only with an assertion from the one already enrolled: none, the master password, the enrolled key signing for something else, or the new key vouching for itself are refused', async ({ airlock }) => {
  const human = suite.human;
  const since = Date.now();
  const humanTab = await keyTab(airlock, human);
  const phoneTab = await keyTab(airlock, undefined, 'popup');
  const begin = async () => (await sendFromExtensionPage(phoneTab.view, 'passkey.registrationOptions', { name: 'Phone' })).value as { options: RegistrationOptionsJSON; factor: AssertionOptionsJSON | null };
  const enroll = (registration: RegistrationJSON, factor: AssertionJSON | null, proof: unknown = null) => sendFromExtensionPage(phoneTab.view, 'passkey.enroll', { registration, name: 'Phone', factor, proof });
  const refused = (code: string) => ({ ok: false, error: { code } });

  // With the new registration Airlock asks for an assertion that only the enrolled passkey can give.
  const first = await begin();
  expect(first.factor?.allowCredentials.map((c) => c.id)).toEqual([human.id]);
  expect(first.options.excludeCredentials.map((c) => c.id)).toEqual([human.id]);
  const registration = (await phoneTab.view.evaluate(registerFromOptions(first.options))) as RegistrationJSON;

  expect(await enroll(registration, null)).toMatchObject(refused('ENROLLMENT_REQUIRES_FACTOR'));
  // The master password confirmed the first passkey; it confirms no second one.
  expect(await enroll(registration, null, { kind: 'master-password', password: MASTER_PASSWORD })).toMatchObject(refused('ENROLLMENT_REQUIRES_FACTOR'));
  // The enrolled key, but over a challenge issued for removing a passkey: not for this enrollment.
  const forRemoval = (await humanTab.view.evaluate(assertWithOwnCredential(await removalOptions(humanTab.view, human.id)))) as AssertionJSON;
  expect(await enroll(registration, forRemoval)).toMatchObject(refused('ASSERTION_INVALID'));
  // The new key signs the enrollment's own challenge: it is not enrolled, so it vouches for nothing.
  const selfSigned = (await phoneTab.view.evaluate(assertWithOwnCredential({ ...first.factor!, allowCredentials: [{ id: registration.id }] }))) as AssertionJSON;
  expect(await enroll(registration, selfSigned)).toMatchObject(refused('AUTHENTICATOR_UNKNOWN'));
  expect((await listPasskeys(phoneTab.view)).map((p) => p.id)).toEqual([human.id]);

  // As the settings do it: the enrolled key confirms, then the new one is created.
  const second = await begin();
  const confirmation = (await humanTab.view.evaluate(assertWithOwnCredential(second.factor!))) as AssertionJSON;
  const phoneRegistration = (await phoneTab.view.evaluate(registerFromOptions(second.options))) as RegistrationJSON;
  expect(await enroll(phoneRegistration, confirmation)).toMatchObject({ ok: true });
  phoneId = phoneRegistration.id;
  await human.sync(humanTab.send, humanTab.authenticatorId);
  // The phone's key travels to the popup later, as the human's does.
  const { credentials } = await phoneTab.send<{ credentials: VirtualCredential[] }>('WebAuthn.getCredentials', { authenticatorId: phoneTab.authenticatorId });
  phone.credential = credentials.find((c) => passkeyIdOf(c) === phoneId) ?? null;
  expect(phone.credential).not.toBeNull();

  expect((await listPasskeys(phoneTab.view)).map((p) => [p.id, p.name])).toEqual([
    [human.id, 'Test key'],
    [phoneId, 'Phone'],
  ]);
  expect(await passkeyEvents(airlock, since)).toEqual([
    { event: 'refused', code: 'ENROLLMENT_REQUIRES_FACTOR', detail: 'enroll' },
    { event: 'refused', code: 'ENROLLMENT_REQUIRES_FACTOR', detail: 'enroll' },
    { event: 'refused', code: 'ASSERTION_INVALID', detail: 'enroll-factor' },
    { event: 'refused', code: 'AUTHENTICATOR_UNKNOWN', detail: 'enroll-factor' },
    { event: 'enrolled', detail: phoneId },
  ]);
  await humanTab.view.close();
  await phoneTab.view.close();

  // The settings list both.
  const options = await openSettings(airlock);
  await expectView(options.getByTestId('passkey')).toHaveCount(2);
  await expectView(options.locator(`[data-testid="passkey"][data-id="${human.id}"] input`)).toHaveValue('Test key');
  await expectView(options.locator(`[data-testid="passkey"][data-id="${phoneId}"] input`)).toHaveValue('Phone');
  await options.close();
});

test('the second passkey is renamed in the settings, and Airlock lists it under the new name', async ({ airlock }) => {
  expect(phoneId).not.toBeNull();
  const options = await openSettings(airlock);
  const row = options.locator(`[data-testid="passkey"][data-id="${phoneId}"]`);
  await row.locator('input').fill('Work phone');
  await row.locator('[data-action="rename"]').click();
  await expect
    .poll(async () => (await listPasskeys(options)).map((p) => [p.id, p.name]))
    .toEqual([
      [suite.human.id, 'Test key'],
      [phoneId, 'Work phone'],
    ]);
  // Read back in a freshly loaded page, not from the field just typed into.
  await options.reload();
  await expectView(row.locator('input')).toHaveValue('Work phone');
  await expectView(options.locator(`[data-testid="passkey"][data-id="${suite.human.id}"] input`)).toHaveValue('Test key');
  expect(await sendFromExtensionPage(options, 'passkey.rename', { id: 'bm90LWVucm9sbGVk', name: 'Nobody' })).toMatchObject({ ok: false, error: { code: 'AUTHENTICATOR_UNKNOWN' } });
  await options.close();
});

test('a held checkout is approved in the toolbar popup with the second passkey alone, and the order reaches the shop once', async ({ airlock, page }) => {
  expect(phoneId).not.toBeNull();
  const { sites } = suite;
  sites.clearRecords();
  await openCheckout(page, sites);
  await page.click('#place-order', { noWaitAfter: true });
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.length).toBe(1);
  // Any enrolled passkey may answer; the phone has never been used.
  expect((await listApprovals(suite.options)).approvals[0]!.assertion?.allowCredentials.map((c) => c.id)).toEqual([suite.human.id, phoneId]);
  expect((await listPasskeys(suite.options)).find((p) => p.id === phoneId)?.lastUsedAt).toBeNull();
  expect(sites.shop.attempts).toHaveLength(0);

  // The popup holds only the phone's authenticator.
  const id = await approveNextInPopup(airlock, page, suite, phone);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  expect(sites.shop.orders).toHaveLength(1);
  expect(sites.shop.attempts).toHaveLength(1);
  expect(sites.shop.orders[0]).toMatchObject({ amount: '42.00', currency: 'EUR', payee: 'Example Shop Ltd' });

  // The receipt names the phone's passkey, which is now marked as used.
  const approved = (await auditOf(await airlock.serviceWorker())).find((e) => e.event === 'approved' && e.approvalId === id);
  expect(approved?.receipt?.credentialId).toBe(phoneId);
  expect((await listPasskeys(suite.options)).find((p) => p.id === phoneId)?.lastUsedAt).toEqual(expect.any(Number));
});

test('removing a passkey needs an enrolled one and a confirmation made for that passkey; once removed, the second passkey approves nothing while the first still does', async ({ airlock, page }) => {
  expect(phoneId).not.toBeNull();
  const { human, sites } = suite;
  const removed = phoneId!;
  const since = Date.now();
  const refused = (code: string) => ({ ok: false, error: { code } });

  // An authenticator Airlock never enrolled, over the real challenge for removing the phone's passkey.
  const rogue = await keyTab(airlock);
  await rogue.view.evaluate(createOwnCredential(airlock.extensionId));
  const rogueFactor = await rogue.view.evaluate(assertWithOwnCredential({ ...(await removalOptions(rogue.view, removed)), allowCredentials: [] }));
  expect(await removePasskey(rogue.view, removed, rogueFactor)).toMatchObject(refused('AUTHENTICATOR_UNKNOWN'));
  await rogue.view.close();
  // The enrolled key, over a challenge issued for removing another passkey (its own).
  const humanTab = await keyTab(airlock, human);
  const forOther = await humanTab.view.evaluate(assertWithOwnCredential(await removalOptions(humanTab.view, human.id)));
  expect(await removePasskey(humanTab.view, removed, forOther)).toMatchObject(refused('ASSERTION_INVALID'));
  expect(await removePasskey(humanTab.view, removed, null)).toMatchObject(refused('MESSAGE_MALFORMED'));
  expect((await listPasskeys(humanTab.view)).map((p) => p.id)).toEqual([human.id, removed]);

  // The human removes it in the settings, confirming with the first passkey.
  await humanTab.view.locator(`[data-testid="passkey"][data-id="${removed}"] [data-action="remove"]`).click();
  await expectView(humanTab.view.getByTestId('passkey')).toHaveCount(1, { timeout: 30_000 });
  await expectView(humanTab.view.getByTestId('passkey-error')).toHaveCount(0);
  await human.sync(humanTab.send, humanTab.authenticatorId);
  phoneId = null;
  await humanTab.view.close();
  expect((await listPasskeys(suite.options)).map((p) => p.id)).toEqual([human.id]);
  expect(await passkeyEvents(airlock, since)).toEqual([
    { event: 'refused', code: 'AUTHENTICATOR_UNKNOWN', detail: 'remove-passkey' },
    { event: 'refused', code: 'ASSERTION_INVALID', detail: 'remove-passkey' },
    { event: 'removed', detail: removed },
  ]);

  // A held checkout: the phone signs its real challenge, and is refused as no longer enrolled.
  sites.clearRecords();
  await openCheckout(page, sites);
  await page.click('#place-order', { noWaitAfter: true });
  await expect.poll(async () => (await listApprovals(suite.options)).approvals.length).toBe(1);
  const pending = (await listApprovals(suite.options)).approvals[0]!;
  expect(pending.assertion?.allowCredentials.map((c) => c.id)).toEqual([human.id]);
  const phoneTab = await keyTab(airlock, phone);
  const reply = await phoneTab.view.evaluate(assertAndApprove(pending.id, { ...pending.assertion!, allowCredentials: [{ id: removed }] }));
  expect(reply).toMatchObject(refused('AUTHENTICATOR_UNKNOWN'));
  await phoneTab.view.close();
  await page.waitForTimeout(300);
  expect(sites.shop.attempts).toHaveLength(0);
  expect((await listApprovals(suite.options)).approvals.map((a) => a.id)).toEqual([pending.id]);
  expect((await auditOf(await airlock.serviceWorker())).some((e) => e.event === 'refused' && e.approvalId === pending.id && e.code === 'AUTHENTICATOR_UNKNOWN')).toBe(true);

  // The first passkey still approves it, and the order is placed once.
  await approveNextInPopup(airlock, page, suite);
  await page.waitForSelector('#order-confirmation', { timeout: 30_000 });
  expect(sites.shop.orders).toHaveLength(1);
  expect(sites.shop.attempts).toHaveLength(1);
});
