import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createVaultServices } from '../../../lib/takeover/vault-service';
import { TEST_ITERATIONS, uniqueDbName } from '../vault/vault-fixture';

const MASTER = 'loss test: amber kettle 19';

function services(dbName: string, now = () => 5_000) {
  return createVaultServices({ iterations: TEST_ITERATIONS, markers: fakeBrowser.storage.local, dbName, now });
}

const deleted = (name: string) =>
  new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });

describe('a deleted vault', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is noticed at the next start, said once, and recorded in the new audit log', async () => {
    const dbName = uniqueDbName();
    const first = services(dbName);
    const vault = await first.vault();
    await vault.create(MASTER);
    await first.noteExisting();
    const createdAt = await vault.createdAt();
    // A page with Airlock's access deletes the database; the worker's connection steps aside.
    await deleted(dbName);
    const next = services(dbName, () => 9_000);
    expect(await (await next.vault()).isCreated()).toBe(false);
    expect(await next.loss()).toEqual({ createdAt, detectedAt: 9_000 });
    const entries = await (await next.audit()).entries();
    expect(entries.filter((e) => e.kind === 'vault-lost')).toHaveLength(1);
    // Found once: a third start does not record it again.
    await services(dbName).vault();
    expect((await (await next.audit()).entries()).filter((e) => e.kind === 'vault-lost')).toHaveLength(1);
  });

  it('a profile that never had a vault reports no loss', async () => {
    const fresh = services(uniqueDbName());
    await fresh.vault();
    expect(await fresh.loss()).toBeNull();
  });

  it('locks the open vault when another context deletes its database', async () => {
    const dbName = uniqueDbName();
    const live = services(dbName);
    const vault = await live.vault();
    await vault.create(MASTER);
    expect(vault.isUnlocked).toBe(true);
    await deleted(dbName);
    expect(vault.isUnlocked).toBe(false);
    expect(await (await live.vault()).isCreated()).toBe(false);
  });
});
