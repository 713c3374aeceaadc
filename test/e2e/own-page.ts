import { expect } from '@playwright/test';
import type { ExtensionBrowser } from './extension-browser';
import { withSettings } from './extension-view';

export interface OwnPageEntry {
  kind: string;
  reason?: string;
  tabId?: number;
  details?: { path?: string };
}

/** The audit log's `own-page-opened` entries, read as the human would: from the settings (side panel). */
export async function ownPageEntries(airlock: ExtensionBrowser): Promise<OwnPageEntry[]> {
  const reply = await withSettings(airlock, (settings) =>
    settings.evaluate<{ ok: boolean; value: { entries: OwnPageEntry[]; verdict: { ok: boolean } } }>(`chrome.runtime.sendMessage({ airlock: 'internal', kind: 'vault.audit', payload: {} })`),
  );
  expect(reply.ok).toBe(true);
  expect(reply.value.verdict.ok).toBe(true);
  return reply.value.entries.filter((e) => e.kind === 'own-page-opened');
}

/** Whether the vault is unlocked, asked from the settings. */
export async function vaultUnlocked(airlock: ExtensionBrowser): Promise<boolean> {
  const reply = await withSettings(airlock, (settings) =>
    settings.evaluate<{ value: { unlocked: boolean } }>(`chrome.runtime.sendMessage({ airlock: 'internal', kind: 'vault.status', payload: {} })`),
  );
  return reply.value.unlocked;
}

/**
 * An agent opens one of Airlock's privileged pages (`path`, e.g. `/popup.html?tabId=3`) in a tab of
 * its own, to script it. Airlock closes the tab on sight, before the page's scripts run: the agent's
 * `goto` fails (the target closed under it) or, at the latest, the tab is gone right after, with
 * nothing on it ever scriptable. Returns the error `goto` gave, if any.
 */
export async function openOwnPageInTab(airlock: ExtensionBrowser, path: string): Promise<Error | null> {
  const tab = await airlock.context.newPage();
  const failed = await tab.goto(`chrome-extension://${airlock.extensionId}${path}`).then(
    () => null,
    (error: Error) => error,
  );
  await expect.poll(() => tab.isClosed(), { message: `Airlock left ${path} open in a tab` }).toBe(true);
  return failed;
}

/**
 * Runs the attack and checks Airlock's answer: the tab is gone, exactly one more `own-page-opened`
 * entry names the page, and (when it was open) the vault is locked.
 */
export async function expectOwnPageRefused(airlock: ExtensionBrowser, path: string, options: { vaultWasOpen?: boolean } = {}): Promise<void> {
  const bare = path.split(/[?#]/)[0]!;
  const before = (await ownPageEntries(airlock)).filter((e) => e.details?.path === bare).length;
  await openOwnPageInTab(airlock, path);
  // Each look opens the settings afresh (Airlock may close them while it refuses views): allow for it.
  await expect
    .poll(async () => (await ownPageEntries(airlock)).filter((e) => e.details?.path === bare).length, { timeout: 45_000 })
    .toBe(before + 1);
  const [entry] = (await ownPageEntries(airlock)).filter((e) => e.details?.path === bare).slice(-1);
  expect(entry).toMatchObject({ reason: 'OWN_PAGE_IN_TAB', details: { path: bare } });
  if (options.vaultWasOpen) expect(await vaultUnlocked(airlock)).toBe(false);
}
