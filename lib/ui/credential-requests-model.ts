import { signal, type Signal } from '@preact/signals';
import { call } from '../messaging/call';
import type { CredentialListing, HumanFillOffer } from '../takeover/views';
import { uiError, type UiError } from './approvals-model';
import { createConfirmationModel, type ConfirmationModel, type ConfirmationModelDeps } from './confirmation-model';
import { unlockWithPasskey, type PrfCeremony } from './vault-passkey-unlock';

export interface CredentialRequestsModel {
  listing: Signal<CredentialListing | null>;
  /** Entries for the human's own tab (fill on request, never on load). */
  offer: Signal<HumanFillOffer | null>;
  error: Signal<UiError | null>;
  busy: Signal<boolean>;
  /** Last fill the human asked for in their own tab. */
  filled: Signal<boolean>;
  /** With a passkey enrolled, releasing an entry is confirmed with it; otherwise it stays a popup click. */
  confirmation: ConfirmationModel;
  /** Whether a passkey can unlock the vault (offered beside the master password). */
  passkeyUnlock: Signal<boolean>;
  refresh(): Promise<void>;
  unlock(password: string): Promise<void>;
  unlockWithPasskey(): Promise<void>;
  /** `inPage`: the weaker fill for this site (the page gets the real value), chosen with this release. */
  use(requestId: string, entryId: string, remember: boolean, inPage?: boolean): Promise<void>;
  deny(requestId: string): Promise<void>;
  fillHere(entryId: string): Promise<void>;
  /** Fills the tab's one-time-code field from the entry's TOTP secret (only when the human asks). */
  fillCodeHere(entryId: string): Promise<void>;
  dispose(): void;
}

export interface CredentialRequestsDeps extends ConfirmationModelDeps {
  tabId: number | null;
  /** Calls back when the request queue changes (storage.session); returns an unsubscribe function. */
  subscribe(onChange: () => void): () => void;
  prf: PrfCeremony;
}

/** Credential requests in the toolbar popup: unlock, use an entry, deny; and the human's own fill. */
export function createCredentialRequestsModel(deps: CredentialRequestsDeps): CredentialRequestsModel {
  const listing = signal<CredentialListing | null>(null);
  const offer = signal<HumanFillOffer | null>(null);
  const error = signal<UiError | null>(null);
  const busy = signal(false);
  const filled = signal(false);
  const confirmation = createConfirmationModel('credential-release', deps);
  const passkeyUnlock = signal(false);

  async function refresh(): Promise<void> {
    try {
      listing.value = await call('credential.pending', {});
      const vault = listing.value.vault;
      passkeyUnlock.value = vault.created && !vault.unlocked && (await call('vault.passkeys', {})).length > 0;
      if (deps.tabId !== null) offer.value = await call('credential.humanOffer', { tabId: deps.tabId });
    } catch (e) {
      error.value = uiError(e);
    }
  }

  async function run(action: () => Promise<unknown>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      await action();
    } catch (e) {
      error.value = uiError(e);
    } finally {
      busy.value = false;
      await refresh();
    }
  }

  const fillTab = (kind: 'credential.humanFill' | 'credential.humanFillCode', entryId: string) =>
    run(async () => {
      if (deps.tabId === null) return;
      const outcome = await call(kind, { tabId: deps.tabId, entryId });
      filled.value = outcome.filled;
      if (!outcome.filled) error.value = { code: outcome.reason ?? 'CREDENTIAL_NO_FORM', message: '' };
    });

  const unsubscribe = deps.subscribe(() => void refresh());
  return {
    listing,
    offer,
    error,
    busy,
    filled,
    confirmation,
    passkeyUnlock,
    refresh,
    unlock: (password) => run(() => call('vault.unlock', { password })),
    unlockWithPasskey: () => run(() => unlockWithPasskey(deps.prf)),
    async use(requestId, entryId, remember, inPage = false) {
      error.value = null;
      await confirmation.confirm({ purpose: 'credential-release', requestId, entryId, remember, inPage }, (proof) =>
        run(async () => {
          await call('credential.decide', { requestId, entryId, remember, inPage, proof });
        }),
      );
    },
    deny: (requestId) => run(() => call('credential.decide', { requestId, entryId: null, remember: false, inPage: false, proof: null })),
    fillHere: (entryId) => fillTab('credential.humanFill', entryId),
    fillCodeHere: (entryId) => fillTab('credential.humanFillCode', entryId),
    dispose: unsubscribe,
  };
}
