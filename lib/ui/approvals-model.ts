import { signal, type Signal } from '@preact/signals';
import type { ApprovalListing, AssertionJSON, AssertionOptionsJSON } from '../approvals/messages';
import { AirlockError } from '../errors/airlock-error';
import { call } from '../messaging/call';

export interface UiError {
  code: string;
  message: string;
}

export interface ApprovalsModel {
  listing: Signal<ApprovalListing | null>;
  error: Signal<UiError | null>;
  /** The id of the approval being decided, if any. */
  busy: Signal<string | null>;
  refresh(): Promise<void>;
  approve(id: string): Promise<void>;
  /** While no passkey is enrolled: the vault's master password as the (weaker) proof. */
  approveWithPassword(id: string, password: string): Promise<void>;
  deny(id: string): Promise<void>;
  dispose(): void;
}

export interface ApprovalsModelDeps {
  /** Runs the WebAuthn ceremony (user verification required) in this page. */
  assert(options: AssertionOptionsJSON): Promise<AssertionJSON>;
  /** Calls back when the queue changes (storage.session); returns an unsubscribe function. */
  subscribe(onChange: () => void): () => void;
}

export function uiError(e: unknown): UiError {
  if (e instanceof AirlockError) return { code: e.code, message: e.message };
  // WebAuthn's own errors: NotAllowedError when the human cancelled or no enrolled authenticator answered.
  if (e instanceof Error && e.name) return { code: e.name === 'NotAllowedError' ? 'WEBAUTHN_CANCELLED' : 'WEBAUTHN_FAILED', message: e.message };
  return { code: 'INTERNAL', message: 'Internal error' };
}

/** Pending approvals in the popup: listing, Approve (with a passkey) and Deny. Components only render this. */
export function createApprovalsModel(deps: ApprovalsModelDeps): ApprovalsModel {
  const listing = signal<ApprovalListing | null>(null);
  const error = signal<UiError | null>(null);
  const busy = signal<string | null>(null);

  async function refresh(): Promise<void> {
    try {
      listing.value = await call('approval.list', {});
    } catch (e) {
      error.value = uiError(e);
    }
  }

  const unsubscribe = deps.subscribe(() => void refresh());

  async function decide(id: string, action: () => Promise<unknown>): Promise<void> {
    busy.value = id;
    error.value = null;
    try {
      await action();
    } catch (e) {
      error.value = uiError(e);
    } finally {
      busy.value = null;
      await refresh();
    }
  }

  return {
    listing,
    error,
    busy,
    refresh,
    approve: (id) =>
      decide(id, async () => {
        const approval = listing.value?.approvals.find((a) => a.id === id);
        if (!approval?.assertion) throw new AirlockError('STEP_UP_UNAVAILABLE', 'Enroll a passkey in Airlock\'s options first');
        const assertion = await deps.assert(approval.assertion);
        await call('approval.approve', { id, assertion });
      }),
    approveWithPassword: (id, password) => decide(id, () => call('approval.approveWithPassword', { id, password })),
    deny: (id) => decide(id, () => call('approval.deny', { id })),
    dispose: unsubscribe,
  };
}
