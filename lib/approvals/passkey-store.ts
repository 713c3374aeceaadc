import type { KeyValueArea } from '../agent/registry';
import type { StoredPasskey } from '../webauthn/types';
import { STORAGE_ITEMS } from '../storage/items';

/** Enrolled authenticators in `storage.local` (versioned key). Public keys only. */
export const PASSKEYS_KEY = STORAGE_ITEMS.passkeys.key;

export class PasskeyStore {
  constructor(private readonly local: KeyValueArea & { unverified?(key: string): Promise<boolean> }) {}

  /** Passkeys are stored but cannot be checked until the vault is unlocked (a restarted worker). */
  async unverified(): Promise<boolean> {
    return (await this.local.unverified?.(PASSKEYS_KEY)) ?? false;
  }

  async list(): Promise<StoredPasskey[]> {
    const stored = (await this.local.get(PASSKEYS_KEY))[PASSKEYS_KEY];
    return Array.isArray(stored) ? (stored as StoredPasskey[]) : [];
  }

  async get(id: string): Promise<StoredPasskey | null> {
    return (await this.list()).find((p) => p.id === id) ?? null;
  }

  async save(passkeys: StoredPasskey[]): Promise<void> {
    await this.local.set({ [PASSKEYS_KEY]: passkeys });
  }

  async update(id: string, patch: Partial<Omit<StoredPasskey, 'id' | 'publicKey' | 'alg'>>): Promise<void> {
    const passkeys = await this.list();
    await this.save(passkeys.map((p) => (p.id === id ? { ...p, ...patch } : p)));
  }
}
