import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../lib/errors/airlock-error';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../lib/vault/migrations/registry';
import { Vault } from '../../../lib/vault/vault';
import { deriveKeyFromPassword, generateVaultKey, newKdfParams, recordAad, sealJson, wrapVaultKey } from '../../../lib/vault/vault-crypto';
import { openVaultDb } from '../../../lib/vault/vault-store';
import { TEST_ITERATIONS, uniqueDbName } from './vault-fixture';

const MASTER = 'migration master';

/** Writes a vault as schema v1 stored it: keyring in meta, entries without matchMode or originKeys. */
async function seedV1(name: string): Promise<string[]> {
  const db = await openVaultDb(name, 1);
  const vaultKey = await generateVaultKey();
  const kdf = newKdfParams(TEST_ITERATIONS);
  const password = await wrapVaultKey(vaultKey, await deriveKeyFromPassword(MASTER, kdf), { via: 'password', kdf });
  await db.put('meta', { kdf, password, passkeys: [], createdAt: 1, updatedAt: 1 }, 'keyring');
  const ids: string[] = [];
  for (const [index, origins] of [['https://example.com'], ['https://shop.example', 'http://localhost:3000']].entries()) {
    const id = `v1-${index}`;
    const binding = { id, origins, matchMode: 'exact' as const };
    await db.put('entries', {
      id,
      origins,
      createdAt: 1,
      updatedAt: 1,
      profile: await sealJson(vaultKey, recordAad({ ...binding, field: 'profile' }), { title: '', username: `user${index}`, hasTotp: false, hasNotes: false }),
      secret: await sealJson(vaultKey, recordAad({ ...binding, field: 'secret' }), { password: `pw${index}` }),
    } as never);
    ids.push(id);
  }
  // A record a v1 bug left without origins: migrated as it is, then reported as corrupt.
  await db.put('entries', { id: 'v1-broken' } as never);
  db.close();
  return ids;
}

describe('vault schema migrations', () => {
  it('the registry is a gapless sequence starting at v1', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('from nothing (v0): creates every store and index at the latest version', async () => {
    const db = await openVaultDb(uniqueDbName());
    expect(db.version).toBe(LATEST_SCHEMA_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['audit', 'entries', 'grantSecrets', 'meta', 'receipts']);
    expect([...db.transaction('entries').store.indexNames]).toEqual(['by-origin']);
    expect(await db.get('meta', 'schema')).toMatchObject({ version: LATEST_SCHEMA_VERSION });
    db.close();
  });

  it('from v1: adds matchMode and the origin index, and every entry still opens', async () => {
    const name = uniqueDbName();
    const ids = await seedV1(name);
    const db = await openVaultDb(name);
    expect(db.version).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.get('meta', 'schema')).toMatchObject({ version: LATEST_SCHEMA_VERSION });
    const migrated = (await db.get('entries', ids[1]!))!;
    expect(migrated.matchMode).toBe('exact');
    expect(migrated.originKeys).toEqual(['https://shop.example', 'http://localhost:3000']);

    const vault = new Vault(db, { iterations: TEST_ITERATIONS });
    await vault.unlock(MASTER);
    const listing = await vault.list();
    expect(listing.entries.map((entry) => entry.username).sort()).toEqual(['user0', 'user1']);
    expect(listing.corrupt).toEqual([{ id: 'v1-broken', code: 'VAULT_RECORD_CORRUPT' }]);
    expect((await vault.findByOrigin('http://localhost:3000')).entries.map((entry) => entry.id)).toEqual([ids[1]]);
    expect(await vault.reveal(ids[0]!, { kind: 'fill', frameOrigin: 'https://example.com' })).toEqual({ kind: 'password', username: 'user0', password: 'pw0' });
    await vault.close();
  });

  it('from v2: adds the grantSecrets store and leaves entries as they were', async () => {
    const name = uniqueDbName();
    const ids = await seedV1(name);
    (await openVaultDb(name, 2)).close();
    const db = await openVaultDb(name);
    expect(db.version).toBe(LATEST_SCHEMA_VERSION);
    expect(db.objectStoreNames.contains('grantSecrets')).toBe(true);
    expect(await db.count('grantSecrets')).toBe(0);
    const vault = new Vault(db, { iterations: TEST_ITERATIONS });
    await vault.unlock(MASTER);
    expect((await vault.list()).entries.map((entry) => entry.id).sort()).toEqual([...ids].sort());
    await vault.storeGrantSecret({ grantId: 'g', issuer: 'https://idp.example', clientId: 'c' }, 'rt-after-migration');
    expect(await vault.grantSecret({ grantId: 'g', issuer: 'https://idp.example', clientId: 'c' })).toBe('rt-after-migration');
    await vault.close();
  });

  it('from v1: also gets the grantSecrets and receipts stores', async () => {
    const name = uniqueDbName();
    await seedV1(name);
    const db = await openVaultDb(name);
    expect([...db.objectStoreNames].sort()).toEqual(['audit', 'entries', 'grantSecrets', 'meta', 'receipts']);
    db.close();
  });

  it('from v3: gets the receipts store; entries, grant secrets and the audit chain stay as they were', async () => {
    const name = uniqueDbName();
    const v3 = await openVaultDb(name, 3);
    await v3.put('grantSecrets', { grantId: 'g1' } as never);
    await v3.add('audit', { seq: 1 } as never);
    v3.close();
    const db = await openVaultDb(name);
    expect(db.version).toBe(LATEST_SCHEMA_VERSION);
    expect([...db.objectStoreNames]).toContain('receipts');
    expect(await db.get('grantSecrets', 'g1')).toEqual({ grantId: 'g1' });
    expect(await db.count('audit')).toBe(1);
    await db.put('receipts', { approvalId: 'a1', receipt: { ok: true } });
    expect(await db.get('receipts', 'a1')).toEqual({ approvalId: 'a1', receipt: { ok: true } });
    db.close();
  });

  it('refuses a database written by a newer schema and leaves it alone', async () => {
    const name = uniqueDbName();
    const newer = await openDB(name, LATEST_SCHEMA_VERSION + 1, { upgrade: (db) => db.createObjectStore('future') });
    newer.close();
    const error = await openVaultDb(name).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AirlockError);
    expect((error as AirlockError).code).toBe('VAULT_SCHEMA_TOO_NEW');
  });
});
