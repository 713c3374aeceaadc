import { test, expect } from './fixtures';
import { confirmVaultEdit, MASTER_PASSWORD, setUpVault } from './takeover-harness';
import { VIRTUAL_AUTHENTICATOR } from './step-up-human';
import { expectView, openPopup, openSettings, type ExtensionView } from './extension-view';

/**
 * Unlocking the vault with a passkey (WebAuthn PRF), with Chromium's CDP virtual authenticator: the
 * authenticator's PRF output unwraps the vault key; another authenticator's cannot.
 */
const PRF_AUTHENTICATOR = { ...VIRTUAL_AUTHENTICATOR, ctap2Version: 'ctap2_1', hasPrf: true } as const;
const ENTRY = { title: 'Passkey Mail', origin: 'https://passkey-mail.example', username: 'ada@passkey.test', password: 'passkey-suite secret 3391' };

type Send = <T>(method: string, params?: Record<string, unknown>) => Promise<T>;

/** The side panel's own authenticators (they live per target), with the WebAuthn domain on. */
async function authenticators(settings: ExtensionView): Promise<{ send: Send }> {
  const send: Send = (method, params = {}) => settings.send(method, params);
  await send('WebAuthn.enable', { enableUI: false });
  return { send };
}

const vaultState = (options: ExtensionView) => options.getByTestId('vault');

/** Opens the "Unlock with a passkey" section, as the human does, and returns its setup form. */
async function passkeySetup(options: ExtensionView) {
  const section = options.getByTestId('vault-passkeys');
  if (!(await section.evaluate((d) => (d as HTMLDetailsElement).open))) await section.locator('summary').click();
  return options.getByTestId('vault-passkey-add');
}

async function lock(options: ExtensionView): Promise<void> {
  await options.click('[data-action="lock"]');
  await expectView(vaultState(options)).toHaveAttribute('data-state', 'locked');
}

/** What an Airlock page gets back from the background for one internal message. */
function sendInternal(page: ExtensionView, kind: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return page.internal(kind, payload);
}

test.beforeEach(async ({ airlock }) => {
  await setUpVault(airlock, []);
});

test('settings: set up a passkey, lock, unlock with it (entries readable); another authenticator cannot unlock', async ({ airlock }) => {
  const options = await openSettings(airlock);
  // Other specs may share this browser's vault (and fill its first page): add and read the entry by message.
  const usernames = async () => ((await sendInternal(options, 'vault.list', {})).value as { entries: Array<{ username: string }> }).entries.map((e) => e.username);
  await confirmVaultEdit(options);
  if (!(await usernames()).includes(ENTRY.username)) expect((await sendInternal(options, 'vault.add', { ...ENTRY, origins: [ENTRY.origin] })).ok).toBe(true);
  const { send } = await authenticators(options);
  const first = await send<{ authenticatorId: string }>('WebAuthn.addVirtualAuthenticator', { options: PRF_AUTHENTICATOR });

  // Set up: the master password again, then the authenticator's ceremony.
  const setup = await passkeySetup(options);
  await setup.locator('input[name="master-password"]').fill(MASTER_PASSWORD);
  await setup.locator('button[type="submit"]').click();
  await expectView(options.getByTestId('vault-passkey')).toHaveCount(1, { timeout: 30_000 });
  await expectView(options.getByTestId('vault-error')).toHaveCount(0);

  await lock(options);
  await options.click('[data-action="unlock-passkey"]');
  await expectView(vaultState(options)).toHaveAttribute('data-state', 'unlocked', { timeout: 30_000 });
  expect(await usernames()).toContain(ENTRY.username);

  // A different authenticator, with a credential of its own for Airlock, cannot unlock.
  await lock(options);
  await send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: first.authenticatorId });
  await send('WebAuthn.addVirtualAuthenticator', { options: PRF_AUTHENTICATOR });
  await options.click('[data-action="unlock-passkey"]');
  await expectView(options.getByTestId('vault-error')).toHaveAttribute('data-code', 'WEBAUTHN_CANCELLED', { timeout: 30_000 });
  await expectView(vaultState(options)).toHaveAttribute('data-state', 'locked');
  // Even handed the enrolled credential's id and PRF input, its own PRF output unwraps nothing.
  const [enrolled] = (await sendInternal(options, 'vault.passkeys', {})).value as Array<{ credentialId: string; prfInput: string }>;
  const forged = await options.evaluate(async ({ rpId, prfInput }) => {
    const b64u = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const input = Uint8Array.from(atob(prfInput.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
    const created = (await navigator.credentials.create({
      publicKey: {
        challenge: random(32),
        rp: { id: rpId, name: 'Airlock' },
        user: { id: random(16), name: 'other', displayName: 'other' },
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { userVerification: 'required' },
        extensions: { prf: { eval: { first: input } } },
      },
    })) as PublicKeyCredential;
    const first = (created.getClientExtensionResults() as { prf?: { results?: { first?: ArrayBuffer } } }).prf?.results?.first;
    return first ? b64u(first) : null;
  }, { rpId: airlock.extensionId, prfInput: enrolled!.prfInput });
  expect(forged).not.toBeNull();
  expect(await sendInternal(options, 'vault.unlockWithPasskey', { credentialId: enrolled!.credentialId, prfOutput: forged })).toMatchObject({ ok: false, error: { code: 'VAULT_PASSKEY_UNKNOWN' } });
  await options.reload();
  await expectView(vaultState(options)).toHaveAttribute('data-state', 'locked');
  await options.close();
});

test('settings: an authenticator without PRF is refused with a clear message and nothing is stored; a passkey can be removed', async ({ airlock }) => {
  const options = await openSettings(airlock);
  const { send } = await authenticators(options);
  // The earlier test's passkey may still be there: count what the background holds, and wait for the page to show it.
  const before = ((await sendInternal(options, 'vault.passkeys', {})).value as unknown[]).length;
  await expectView(options.getByTestId('vault-passkey')).toHaveCount(before);
  const noPrf = await send<{ authenticatorId: string }>('WebAuthn.addVirtualAuthenticator', { options: { ...VIRTUAL_AUTHENTICATOR, ctap2Version: 'ctap2_1', hasPrf: false } });
  const setup = await passkeySetup(options);
  await setup.locator('input[name="master-password"]').fill(MASTER_PASSWORD);
  await setup.locator('button[type="submit"]').click();
  await expectView(options.getByTestId('vault-error')).toHaveAttribute('data-code', 'VAULT_PASSKEY_NO_PRF', { timeout: 30_000 });
  await expectView(options.getByTestId('vault-error')).toContainText('PRF');
  await expectView(options.getByTestId('vault-passkey')).toHaveCount(before);

  // A wrong master password stores nothing either, even with a PRF authenticator.
  await send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: noPrf.authenticatorId });
  await send('WebAuthn.addVirtualAuthenticator', { options: PRF_AUTHENTICATOR });
  await setup.locator('input[name="master-password"]').fill('not the master password');
  await setup.locator('button[type="submit"]').click();
  await expectView(options.getByTestId('vault-error')).toHaveAttribute('data-code', 'VAULT_WRONG_PASSWORD', { timeout: 30_000 });
  await expectView(options.getByTestId('vault-passkey')).toHaveCount(before);

  await setup.locator('input[name="master-password"]').fill(MASTER_PASSWORD);
  await setup.locator('button[type="submit"]').click();
  await expectView(options.getByTestId('vault-passkey')).toHaveCount(before + 1, { timeout: 30_000 });
  const added = options.getByTestId('vault-passkey').last();
  const id = await added.getAttribute('data-credential-id');
  await added.locator('[data-action="remove-vault-passkey"]').click();
  await expectView(options.locator(`[data-credential-id="${id}"]`)).toHaveCount(0);
  await options.close();
});

test('popup: "Unlock with passkey" unlocks the vault from the toolbar', async ({ airlock, page }) => {
  await page.goto('about:blank');
  const popup = await openPopup(airlock, page);
  try {
    // Virtual authenticators live per target: this one belongs to the popup, so the passkey is set up from there too.
    await popup.send('WebAuthn.enable', { enableUI: false });
    await popup.send('WebAuthn.addVirtualAuthenticator', { options: PRF_AUTHENTICATOR });
    const added = await popup.evaluate<{ ok: boolean }>(`(async () => {
      const b64u = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
      const random = (n) => crypto.getRandomValues(new Uint8Array(n));
      const input = random(32);
      const created = await navigator.credentials.create({ publicKey: { challenge: random(32), rp: { id: chrome.runtime.id, name: 'Airlock' }, user: { id: random(16), name: 'vault', displayName: 'vault' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }], authenticatorSelection: { userVerification: 'required' }, extensions: { prf: { eval: { first: input } } } } });
      const output = created.getClientExtensionResults().prf.results.first;
      return chrome.runtime.sendMessage({ airlock: 'internal', kind: 'vault.addPasskey', payload: { masterPassword: ${JSON.stringify(MASTER_PASSWORD)}, credentialId: created.id, prfInput: b64u(input), prfOutput: b64u(output) } });
    })()`);
    expect(added.ok).toBe(true);
    await popup.evaluate(`chrome.runtime.sendMessage({ airlock: 'internal', kind: 'vault.lock', payload: {} })`);
    // The human opens the popup again (a new document in the same target, which keeps its
    // authenticator): an open popup does not learn of the lock, since the vault key no longer lives
    // in storage.session, whose changes it watches.
    await popup.reload();
    await popup.waitForSelector('[data-action="unlock-passkey"]', { timeout: 15_000 });
    await popup.click('[data-action="unlock-passkey"]');
    await popup.waitForSelector('[data-testid="credentials"]:not(:has([data-testid="vault-unlock"]))', { timeout: 30_000 });
    const status = await popup.evaluate<{ value: { unlocked: boolean } }>(`chrome.runtime.sendMessage({ airlock: 'internal', kind: 'vault.status', payload: {} })`);
    expect(status.value.unlocked).toBe(true);
  } finally {
    await popup.close();
  }
});
