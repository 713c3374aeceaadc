import { browser } from 'wxt/browser';
import type { DebuggeeTarget } from './own-target-watch';

interface DebuggerApi {
  getTargets?: () => Promise<Array<DebuggeeTarget & { tabId?: number }>>;
}

/** `chrome.debugger`, which Chromium exposes only to a build whose manifest requires `debugger`. */
function debuggerApi(): DebuggerApi | undefined {
  return (globalThis as { chrome?: { debugger?: DebuggerApi } }).chrome?.debugger;
}

/**
 * Whether the debugger signal can exist: Firefox has no debugger API, and Chromium grants the
 * permission only at install (it cannot be optional), so only a build that requires it has it.
 */
export function debuggerSupport(): 'unavailable' | 'not-in-build' | 'present' {
  if (import.meta.env.BROWSER === 'firefox') return 'unavailable';
  return browser.runtime.getManifest().permissions?.includes('debugger') ? 'present' : 'not-in-build';
}

/** Firefox does not know the permission and throws as the call is made, not in the promise: both count as no. */
export async function debuggerPermitted(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ permissions: ['debugger'] });
  } catch {
    return false;
  }
}

/**
 * `debuggerPermitted`, asked once and kept up to date by the permission events, so that a periodic
 * look costs no extension API call (each call would keep the MV3 worker from going idle). Listeners
 * are added synchronously, like every other.
 */
export function cachedDebuggerPermission(): () => Promise<boolean> {
  // A build without the permission can never hold it (Chromium grants it only at install): ask nothing.
  if (debuggerSupport() !== 'present') return () => Promise.resolve(false);
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
 * Tabs a debugger is attached to, from `chrome.debugger.getTargets()` (Chromium only, and only in a
 * build that requires the `debugger` permission). Returns null when the signal is unavailable.
 * Any CDP client counts (Playwright, Puppeteer, DevTools): `attached` does not say who.
 */
export async function debuggerAttachedTabs(): Promise<Set<number> | null> {
  const api = debuggerApi();
  if (!api?.getTargets) return null;
  if (!(await debuggerPermitted())) return null;
  const targets = await api.getTargets();
  return new Set(targets.filter((t) => t.attached && typeof t.tabId === 'number').map((t) => t.tabId as number));
}
