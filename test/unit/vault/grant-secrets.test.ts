import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../lib/errors/airlock-error';
import { openTestVault } from './vault-fixture';

const MASTER = 'grant secrets master';
const BINDING = { grantId: 'grant-1', issuer: 'https://idp.example', clientId: 'client-1' };
const REFRESH = 'rt-8f3c1e-never-in-the-clear';

async function unlockedVault() {
  const fixture = await openTestVault();
  await fixture.vault.create(MASTER);
  return fixture;
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (error: unknown) => (error instanceof AirlockError ? error.code : 'not an AirlockError'),
  );
}

describe('Vault: grant secrets (refresh tokens)', () => {
  it('seals the refresh token under the vault key: the stored record holds no plaintext, and it reads back for its binding', async () => {
    const { vault, db } = await unlockedVault();
    await vault.storeGrantSecret(BINDING, REFRESH);
    const raw = await db.get('grantSecrets', BINDING.grantId);
    expect(JSON.stringify(raw)).not.toContain(REFRESH);
    expect(new TextDecoder().decode(raw!.secret.ct)).not.toContain(REFRESH);
    expect(await vault.grantSecret(BINDING)).toBe(REFRESH);
    expect(await vault.grantSecret({ ...BINDING, grantId: 'other' })).toBeNull();
    expect(await vault.grantSecretIds()).toEqual([BINDING.grantId]);
  });

  it('locked: VAULT_LOCKED, and the record stays for after the unlock', async () => {
    const { vault } = await unlockedVault();
    await vault.storeGrantSecret(BINDING, REFRESH);
    await vault.lock();
    expect(await codeOf(vault.grantSecret(BINDING))).toBe('VAULT_LOCKED');
    expect(await codeOf(vault.storeGrantSecret(BINDING, 'rt-other'))).toBe('VAULT_LOCKED');
    await vault.unlock(MASTER);
    expect(await vault.grantSecret(BINDING)).toBe(REFRESH);
  });

  it('a record sealed under another vault key does not open (VAULT_RECORD_CORRUPT) and is not deleted', async () => {
    const first = await unlockedVault();
    const second = await unlockedVault();
    await first.vault.storeGrantSecret(BINDING, REFRESH);
    await second.db.put('grantSecrets', (await first.db.get('grantSecrets', BINDING.grantId))!);
    expect(await codeOf(second.vault.grantSecret(BINDING))).toBe('VAULT_RECORD_CORRUPT');
    expect(await second.db.get('grantSecrets', BINDING.grantId)).toBeDefined();
    expect(await first.vault.grantSecret(BINDING)).toBe(REFRESH);
  });

  it('a tampered record, or one read for another issuer, client or grant, does not open; the other grants still do', async () => {
    const { vault, db } = await unlockedVault();
    await vault.storeGrantSecret(BINDING, REFRESH);
    await vault.storeGrantSecret({ ...BINDING, grantId: 'grant-2' }, 'rt-second');
    const record = (await db.get('grantSecrets', BINDING.grantId))!;
    const flipped = new Uint8Array(record.secret.ct);
    flipped[0]! ^= 1;
    await db.put('grantSecrets', { ...record, secret: { iv: record.secret.iv, ct: flipped } });
    expect(await codeOf(vault.grantSecret(BINDING))).toBe('VAULT_RECORD_CORRUPT');
    await db.put('grantSecrets', record);
    expect(await codeOf(vault.grantSecret({ ...BINDING, issuer: 'https://evil.example' }))).toBe('VAULT_RECORD_CORRUPT');
    expect(await codeOf(vault.grantSecret({ ...BINDING, clientId: 'client-2' }))).toBe('VAULT_RECORD_CORRUPT');
    // The record relabelled as another grant's: its additional data still names grant-1.
    await db.put('grantSecrets', { ...record, grantId: 'grant-3' });
    expect(await codeOf(vault.grantSecret({ ...BINDING, grantId: 'grant-3' }))).toBe('VAULT_RECORD_CORRUPT');
    expect(await vault.grantSecret(BINDING)).toBe(REFRESH);
    expect(await vault.grantSecret({ ...BINDING, grantId: 'grant-2' })).toBe('rt-second');
  });

  it('deleting works while the vault is locked, and only removes that grant', async () => {
    const { vault } = await unlockedVault();
    await vault.storeGrantSecret(BINDING, REFRESH);
    await vault.storeGrantSecret({ ...BINDING, grantId: 'grant-2' }, 'rt-second');
    await vault.lock();
    await vault.deleteGrantSecret(BINDING.grantId);
    expect(await vault.grantSecretIds()).toEqual(['grant-2']);
  });
});
