import { signal, type Signal } from '@preact/signals';
import type { AssertionJSON, AssertionOptionsJSON, PolicyListing, SitePolicy } from '../approvals/messages';
import { lowersProtection, policySubject } from '../approvals/policy';
import { call } from '../messaging/call';
import { uiError, type UiError } from './approvals-model';

export interface PoliciesModel {
  listing: Signal<PolicyListing | null>;
  error: Signal<UiError | null>;
  busy: Signal<boolean>;
  refresh(): Promise<void>;
  set(origin: string, policy: SitePolicy): Promise<void>;
  revoke(origin: string): Promise<void>;
}

/** Site policies in the options page; a policy that asks less often is confirmed with a passkey. */
export function createPoliciesModel(deps: { assert(options: AssertionOptionsJSON): Promise<AssertionJSON> }): PoliciesModel {
  const listing = signal<PolicyListing | null>(null);
  const error = signal<UiError | null>(null);
  const busy = signal(false);

  async function run(action: () => Promise<PolicyListing>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      listing.value = await action();
    } catch (e) {
      error.value = uiError(e);
    } finally {
      busy.value = false;
    }
  }

  return {
    listing,
    error,
    busy,
    refresh: () => run(() => call('policy.list', {})),
    set: (origin, policy) =>
      run(async () => {
        let factor: AssertionJSON | null = null;
        if (lowersProtection(policy)) {
          const normalised = new URL(origin).origin;
          const options = await call('passkey.factorOptions', { purpose: 'set-policy', subject: policySubject(normalised, policy) });
          factor = await deps.assert(options);
          return call('policy.set', { origin: normalised, policy, factor });
        }
        return call('policy.set', { origin, policy, factor });
      }),
    revoke: (origin) => run(() => call('policy.revoke', { origin })),
  };
}
