import { browser } from 'wxt/browser';
import type { DebuggeeTarget } from './own-target-watch';

interface DebuggerApi {
  getTargets?: () => Promise<Array<DebuggeeTarget & { tabId?: number }>>;
}

/** `chrome.debugger`, which Chromium exposes only once the optional `debugger` permission is granted. */
function debuggerApi(): DebuggerApi | undefined {
  return (globalThis as { chrome?: { debugger?: DebuggerApi } }).chrome?.debugger;
}

export function debuggerPermitted(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['debugger'] }).catch(() => false);
}

/**
 * `debuggerPermitted`, asked once and kept up to date by the permission events, so that a periodic
 * look costs no extension API call (each call would keep the MV3 worker from going idle). Listeners
 * are added synchronously, like every other.
 */
export function cachedDebuggerPermission(): () => Promise<boolean> {
  let current = debuggerPermitted();
  const refresh = () => {
    current = debuggerPermitted();
  };
  browser.permissions.onAdded.addListener(refresh);
  browser.permissions.onRemoved.addListener(refresh);
  return () => current;
}

/** Every debuggee target (pages, workers, extensions'), or null where the API is unavailable. */
export function debuggeeTargets(): Promise<DebuggeeTarget[]> | null {
  const api = debuggerApi();
  return api?.getTargets ? api.getTargets() : null;
}

/**
 * Tabs a debugger is attached to, from `chrome.debugger.getTargets()` (Chromium only, and only once the
 * human granted the optional `debugger` permission). Returns null when the signal is unavailable.
 * Any CDP client counts (Playwright, Puppeteer, DevTools): `attached` does not say who.
 */
export async function debuggerAttachedTabs(): Promise<Set<number> | null> {
  const api = debuggerApi();
  if (!api?.getTargets) return null;
  if (!(await debuggerPermitted())) return null;
  const targets = await api.getTargets();
  return new Set(targets.filter((t) => t.attached && typeof t.tabId === 'number').map((t) => t.tabId as number));
}
