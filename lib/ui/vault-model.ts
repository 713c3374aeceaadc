import { signal, type Signal } from '@preact/signals';
import { call } from '../messaging/call';
import type { VaultEntryInput, VaultEntryPatch, VaultListing, VaultPasskeyView, VaultStatus } from '../takeover/views';
import { uiError, type UiError } from './approvals-model';
import { attempt } from './attempt';
import { addVaultPasskey, unlockWithPasskey, type PrfCeremony } from './vault-passkey-unlock';

export interface VaultModel {
  status: Signal<VaultStatus | null>;
  listing: Signal<VaultListing | null>;
  error: Signal<UiError | null>;
  busy: Signal<boolean>;
  /** A short confirmation of the last action (its i18n key), for a live region. */
  notice: Signal<string | null>;
  /** Passkeys that unlock the vault (WebAuthn PRF). */
  passkeys: Signal<VaultPasskeyView[]>;
  refresh(): Promise<void>;
  create(password: string, confirm: string): Promise<void>;
  unlock(password: string): Promise<void>;
  unlockWithPasskey(): Promise<void>;
  addPasskey(masterPassword: string): Promise<void>;
  removePasskey(credentialId: string): Promise<void>;
  lock(): Promise<void>;
  changePassword(oldPassword: string, newPassword: string, confirm: string): Promise<void>;
  add(input: VaultEntryInput): Promise<boolean>;
  update(id: string, patch: VaultEntryPatch): Promise<boolean>;
  remove(id: string): Promise<void>;
  dispose(): void;
}

/** The options page's vault: create, unlock, lock, entries. Components only render it. */
export function createVaultModel(deps: { subscribe(onChange: () => void): () => void; prf: PrfCeremony }): VaultModel {
  const status = signal<VaultStatus | null>(null);
  const listing = signal<VaultListing | null>(null);
  const error = signal<UiError | null>(null);
  const busy = signal(false);
  const notice = signal<string | null>(null);
  const passkeys = signal<VaultPasskeyView[]>([]);

  async function refresh(): Promise<void> {
    try {
      status.value = await call('vault.status', {});
      listing.value = status.value.unlocked ? await call('vault.list', {}) : null;
      passkeys.value = status.value.created ? await call('vault.passkeys', {}) : [];
    } catch (e) {
      error.value = uiError(e);
    }
  }

  async function run(action: () => Promise<unknown>, done?: string): Promise<boolean> {
    notice.value = null;
    const ok = await attempt(busy, error, async () => {
      await action();
      if (done) notice.value = done;
    });
    await refresh();
    return ok;
  }

  const mismatch = () => {
    error.value = { code: 'PASSWORDS_DIFFER', message: '' };
  };

  return {
    status,
    listing,
    error,
    busy,
    notice,
    passkeys,
    refresh,
    async create(password, confirm) {
      if (password !== confirm) return mismatch();
      await run(() => call('vault.create', { password }), 'vaultCreated');
    },
    unlock: async (password) => void (await run(() => call('vault.unlock', { password }))),
    unlockWithPasskey: async () => void (await run(() => unlockWithPasskey(deps.prf))),
    addPasskey: async (masterPassword) => void (await run(() => addVaultPasskey(deps.prf, masterPassword, 'Airlock vault'), 'vaultPasskeyAdded')),
    removePasskey: async (credentialId) => void (await run(() => call('vault.removePasskey', { credentialId }), 'vaultPasskeyRemoved')),
    lock: async () => void (await run(() => call('vault.lock', {}))),
    async changePassword(oldPassword, newPassword, confirm) {
      if (newPassword !== confirm) return mismatch();
      await run(() => call('vault.changePassword', { oldPassword, newPassword }), 'vaultPasswordChanged');
    },
    add: (input) => run(() => call('vault.add', input), 'vaultEntrySaved'),
    update: (id, patch) => run(() => call('vault.update', { id, patch }), 'vaultEntrySaved'),
    remove: async (id) => void (await run(() => call('vault.delete', { id }), 'vaultEntryDeleted')),
    dispose: deps.subscribe(() => void refresh()),
  };
}
