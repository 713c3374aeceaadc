import 'fake-indexeddb/auto';
import { openVaultDb, type VaultDb } from '../../../lib/vault/vault-store';
import { Vault, type Timers, type VaultOptions } from '../../../lib/vault/vault';

/** Few PBKDF2 iterations keep the suite fast; the production default is pinned in vault-crypto.test.ts. */
export const TEST_ITERATIONS = 1_000;

let counter = 0;

/** A database of its own for each test. */
export function uniqueDbName(): string {
  return `airlock-vault-test-${process.pid}-${++counter}`;
}

export async function openTestVault(options: VaultOptions = {}, dbName: string = uniqueDbName()): Promise<{ vault: Vault; db: VaultDb; dbName: string }> {
  const db = await openVaultDb(dbName);
  return { vault: new Vault(db, { iterations: TEST_ITERATIONS, ...options }), db, dbName };
}

/** A clock and timers the test moves by hand. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void; timers: Timers } {
  let time = start;
  const pending = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
      for (const [id, timer] of [...pending]) {
        if (timer.at <= time) {
          pending.delete(id);
          timer.callback();
        }
      }
    },
    timers: {
      set(callback, ms) {
        const id = nextId++;
        pending.set(id, { at: time + ms, callback });
        return id;
      },
      clear(handle) {
        pending.delete(handle as number);
      },
    },
  };
}
