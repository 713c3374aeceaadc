import { browser } from 'wxt/browser';
import { SealedArea } from '../security/sealed-area';
import { sealedKeys } from '../storage/items';

export interface WorkerStorage {
  local: SealedArea;
  session: SealedArea;
}

/**
 * The worker's view of `storage.local` and `storage.session`: the records lib/storage/items.ts marks
 * sealed are checked against the integrity key (a page's forgery counts as absent and is reported);
 * every other key passes through. `integrityKey` is bound late: the vault that derives it is built
 * after the services that read these areas.
 */
export function workerStorage(integrityKey: () => CryptoKey | null, onForged: (key: string) => void): WorkerStorage {
  const deps = { integrityKey: async () => integrityKey(), onForged };
  return {
    local: new SealedArea(browser.storage.local, sealedKeys('local'), deps),
    session: new SealedArea(browser.storage.session, sealedKeys('session'), deps),
  };
}
