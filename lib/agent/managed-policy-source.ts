import { parseManagedPolicy, type ManagedPolicy } from './managed-policy';
import type { KeyValueArea } from './registry';
import { STORAGE_ITEMS } from '../storage/items';

export const MANAGED_CACHE_KEY = STORAGE_ITEMS.managedPolicy.key;

export interface ManagedPolicySource {
  /** The policy, from this session's cache, else read from managed storage (and cached). */
  read(): Promise<ManagedPolicy>;
  /** Reads managed storage again (it changed) and refreshes the cache. */
  refresh(): Promise<ManagedPolicy>;
}

/**
 * Chromium's first `storage.managed.get()` after the browser starts can take seconds (the policy
 * service loads). Verdicts wait for it rather than guess (a guess could lower protection), so the
 * result is kept in `storage.session`: a restarted service worker answers at once.
 */
export function managedPolicySource(readManagedStorage: () => Promise<unknown>, session: KeyValueArea): ManagedPolicySource {
  let pending: Promise<ManagedPolicy> | null = null;

  async function refresh(): Promise<ManagedPolicy> {
    // No policy installed, or no managed storage at all (Firefox without one): the defaults, which
    // never lower protection.
    const policy = parseManagedPolicy(await readManagedStorage().catch(() => undefined));
    await session.set({ [MANAGED_CACHE_KEY]: policy });
    return policy;
  }

  return {
    read() {
      pending ??= (async () => {
        const cached = (await session.get(MANAGED_CACHE_KEY))[MANAGED_CACHE_KEY];
        return cached === undefined ? refresh() : parseManagedPolicy(cached);
      })();
      return pending;
    },
    refresh() {
      pending = refresh();
      return pending;
    },
  };
}
