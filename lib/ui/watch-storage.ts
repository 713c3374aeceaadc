import { browser } from 'wxt/browser';

/** Calls `onChange` when any of `keys` changes in `area`; returns an unsubscribe function. */
export function watchStorage(area: 'session' | 'local', keys: string[], onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, changedArea: string) => {
    if (changedArea === area && keys.some((k) => k in changes)) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
