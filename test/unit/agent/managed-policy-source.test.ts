import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { MANAGED_CACHE_KEY, managedPolicySource } from '../../../lib/agent/managed-policy-source';

describe('managedPolicySource', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads managed storage once and answers later instances from the session cache', async () => {
    let reads = 0;
    const readStorage = async () => {
      reads++;
      return { agentMode: 'always', allowUserOverride: false };
    };
    const first = managedPolicySource(readStorage, fakeBrowser.storage.session);
    expect(await first.read()).toEqual({ agentMode: 'always', allowUserOverride: false });
    expect(await first.read()).toEqual({ agentMode: 'always', allowUserOverride: false });
    // A restarted service worker: a new source over the same session storage.
    const second = managedPolicySource(readStorage, fakeBrowser.storage.session);
    expect(await second.read()).toEqual({ agentMode: 'always', allowUserOverride: false });
    expect(reads).toBe(1);
  });

  it('falls back to the defaults when managed storage fails, and refreshes on change', async () => {
    let policy: unknown = Promise.reject(new Error('no managed storage'));
    const source = managedPolicySource(() => policy as Promise<unknown>, fakeBrowser.storage.session);
    expect(await source.read()).toEqual({ agentMode: 'auto', allowUserOverride: true });
    policy = Promise.resolve({ agentMode: 'always' });
    expect(await source.refresh()).toEqual({ agentMode: 'always', allowUserOverride: true });
    expect((await fakeBrowser.storage.session.get(MANAGED_CACHE_KEY))[MANAGED_CACHE_KEY]).toEqual({ agentMode: 'always', allowUserOverride: true });
  });

  it('does not trust a malformed cache entry to lower protection', async () => {
    await fakeBrowser.storage.session.set({ [MANAGED_CACHE_KEY]: { agentMode: 'never', allowUserOverride: 'yes' } });
    const source = managedPolicySource(async () => ({}), fakeBrowser.storage.session);
    expect(await source.read()).toEqual({ agentMode: 'auto', allowUserOverride: true });
  });
});
