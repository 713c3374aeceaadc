import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PBKDF2_ITERATIONS, newKdfParams, openJson, recordAad, sealJson, generateVaultKey } from '../../../lib/vault/vault-crypto';
import { DEFAULT_IDLE_LOCK_MS, Vault } from '../../../lib/vault/vault';
import { openVaultDb } from '../../../lib/vault/vault-store';
import { uniqueDbName } from './vault-fixture';

describe('vault crypto', () => {
  it('uses at least 600,000 PBKDF2-SHA-256 iterations by default (OWASP 2023)', async () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(newKdfParams().iterations).toBeGreaterThanOrEqual(600_000);
    // A vault built without an injected count writes the default into its keyring.
    const db = await openVaultDb(uniqueDbName());
    const vault = new Vault(db);
    await vault.create('correct horse battery staple');
    const keyring = (await db.get('meta', 'keyring')) as { kdf: { iterations: number; hash: string } };
    expect(keyring.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    expect(keyring.kdf.hash).toBe('SHA-256');
    await vault.close();
  });

  it('auto-locks after a finite idle time by default', () => {
    expect(DEFAULT_IDLE_LOCK_MS).toBeGreaterThan(0);
    expect(DEFAULT_IDLE_LOCK_MS).toBeLessThanOrEqual(30 * 60 * 1000);
  });

  it('uses a fresh 96-bit IV for every ciphertext', async () => {
    const key = await generateVaultKey();
    const aad = recordAad({ id: 'a', field: 'secret', origins: ['https://example.com'], matchMode: 'exact' });
    const one = await sealJson(key, aad, { password: 'x' });
    const two = await sealJson(key, aad, { password: 'x' });
    expect(one.iv).toHaveLength(12);
    expect(one.iv).not.toEqual(two.iv);
    expect(await openJson(key, aad, one)).toEqual({ password: 'x' });
  });

  it('binds a ciphertext to its record id, field, origins and a widened match mode', async () => {
    const key = await generateVaultKey();
    const binding = { id: 'a', field: 'secret' as const, origins: ['https://example.com'], matchMode: 'exact' as const };
    const box = await sealJson(key, recordAad(binding), { password: 'x' });
    await expect(openJson(key, recordAad({ ...binding, id: 'b' }), box)).rejects.toThrow();
    await expect(openJson(key, recordAad({ ...binding, field: 'profile' }), box)).rejects.toThrow();
    await expect(openJson(key, recordAad({ ...binding, origins: ['https://evil.example'] }), box)).rejects.toThrow();
    await expect(openJson(key, recordAad({ ...binding, matchMode: 'site' }), box)).rejects.toThrow();
  });
});
