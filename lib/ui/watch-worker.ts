import { browser } from 'wxt/browser';

/** Calls `onChange` for each message from the worker that `matches`; returns an unsubscribe function. */
export function watchWorker(matches: (message: unknown) => boolean, onChange: () => void): () => void {
  const listener = (message: unknown) => {
    if (matches(message)) onChange();
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
