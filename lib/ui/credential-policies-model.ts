import { signal, type Signal } from '@preact/signals';
import { call } from '../messaging/call';
import type { CredentialPolicyView } from '../takeover/views';
import { uiError, type UiError } from './approvals-model';

export interface CredentialPoliciesModel {
  policies: Signal<CredentialPolicyView[] | null>;
  error: Signal<UiError | null>;
  busy: Signal<boolean>;
  refresh(): Promise<void>;
  revoke(id: string): Promise<void>;
  dispose(): void;
}

/** Options page: the "use without asking" decisions the human made in the popup, and revoking them. */
export function createCredentialPoliciesModel(deps: { subscribe(onChange: () => void): () => void }): CredentialPoliciesModel {
  const policies = signal<CredentialPolicyView[] | null>(null);
  const error = signal<UiError | null>(null);
  const busy = signal(false);

  async function run(action: () => Promise<CredentialPolicyView[]>, clearError = true): Promise<void> {
    busy.value = true;
    if (clearError) error.value = null;
    try {
      policies.value = await action();
    } catch (e) {
      error.value = uiError(e);
    } finally {
      busy.value = false;
    }
  }

  const refresh = () => run(() => call('credential.policies', {}), false);
  return {
    policies,
    error,
    busy,
    refresh,
    revoke: (id) => run(() => call('credential.revokePolicy', { id })),
    dispose: deps.subscribe(() => void refresh()),
  };
}
