import { signal, type Signal } from '@preact/signals';
import { call } from '../messaging/call';
import type { CredentialPolicyView, InPageFillSite } from '../takeover/views';
import { uiError, type UiError } from './approvals-model';

export interface CredentialPoliciesModel {
  policies: Signal<CredentialPolicyView[] | null>;
  /** Sites that get the weaker in-page fill. */
  inPage: Signal<InPageFillSite[] | null>;
  error: Signal<UiError | null>;
  busy: Signal<boolean>;
  refresh(): Promise<void>;
  revoke(id: string): Promise<void>;
  revokeInPage(origin: string): Promise<void>;
  dispose(): void;
}

/** Settings: the "use without asking" decisions and the in-page fills the human allowed in the popup, and withdrawing them. */
export function createCredentialPoliciesModel(deps: { subscribe(onChange: () => void): () => void }): CredentialPoliciesModel {
  const policies = signal<CredentialPolicyView[] | null>(null);
  const inPage = signal<InPageFillSite[] | null>(null);
  const error = signal<UiError | null>(null);
  const busy = signal(false);

  async function run(action: () => Promise<unknown>, clearError = true): Promise<void> {
    busy.value = true;
    if (clearError) error.value = null;
    try {
      await action();
    } catch (e) {
      error.value = uiError(e);
    } finally {
      busy.value = false;
    }
  }

  const refresh = () =>
    run(async () => {
      policies.value = await call('credential.policies', {});
      inPage.value = await call('credential.inPageSites', {});
    }, false);
  return {
    policies,
    inPage,
    error,
    busy,
    refresh,
    revoke: (id) => run(async () => (policies.value = await call('credential.revokePolicy', { id }))),
    revokeInPage: (origin) => run(async () => (inPage.value = await call('credential.revokeInPage', { origin }))),
    dispose: deps.subscribe(() => void refresh()),
  };
}
