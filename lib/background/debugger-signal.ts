import { browser } from 'wxt/browser';

/**
 * Tabs a debugger is attached to, from `chrome.debugger.getTargets()` (Chromium only, and only once the
 * human granted the optional `debugger` permission). Returns null when the signal is unavailable.
 * Any CDP client counts (Playwright, Puppeteer, DevTools): `attached` does not say who.
 */
export async function debuggerAttachedTabs(): Promise<Set<number> | null> {
  const api = (globalThis as { chrome?: { debugger?: { getTargets?: () => Promise<Array<{ tabId?: number; attached: boolean }>> } } })
    .chrome?.debugger;
  if (!api?.getTargets) return null;
  const granted = await browser.permissions.contains({ permissions: ['debugger'] }).catch(() => false);
  if (!granted) return null;
  const targets = await api.getTargets();
  return new Set(targets.filter((t) => t.attached && typeof t.tabId === 'number').map((t) => t.tabId as number));
}
