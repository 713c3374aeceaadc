import { browser } from 'wxt/browser';

/**
 * Clears the system notifications under `prefix` whose request no longer waits (decided, expired, or
 * its tab closed). They are made to stay until the human acts, so without this a settled request
 * would keep asking for a decision nobody can take any more. Best effort: notifications may be off.
 */
export async function clearSettledNotifications(prefix: string, waitingIds: readonly string[]): Promise<void> {
  if (!browser.notifications) return;
  const keep = new Set(waitingIds.map((id) => `${prefix}${id}`));
  try {
    for (const id of Object.keys(await browser.notifications.getAll())) {
      if (id.startsWith(prefix) && !keep.has(id)) await browser.notifications.clear(id);
    }
  } catch {
    // Notifications unavailable: the badge and the popup are what remain, and they are up to date.
  }
}
