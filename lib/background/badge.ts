import { browser } from 'wxt/browser';
import { t } from '../i18n';

export interface BadgeOverlay {
  text: string;
  color: string;
}

/** What waits for the human in a tab (an approval count, a sign-in), read from storage so it outlives a worker restart. */
export type BadgeOverlaySource = (tabId: number) => Promise<BadgeOverlay | null>;

const overlays: BadgeOverlaySource[] = [];

/**
 * Registers something that outranks the agent badge on a tab, strongest first (approvals before
 * sign-ins). Without this, any later change of the tab's agent state drew "AI" over "KEY" or a count.
 */
export function addBadgeOverlay(source: BadgeOverlaySource): void {
  overlays.push(source);
}

/** Shows on the toolbar icon, per tab, what waits for the human there, else that Airlock treats the tab as agent-driven. */
export async function renderAgentBadge(tabId: number, agentDriven: boolean): Promise<void> {
  for (const source of overlays) {
    const overlay = await source(tabId).catch(() => null);
    if (!overlay) continue;
    try {
      await browser.action.setBadgeText({ tabId, text: overlay.text });
      await browser.action.setBadgeBackgroundColor({ tabId, color: overlay.color });
    } catch {
      // The tab closed meanwhile.
    }
    return;
  }
  try {
    await browser.action.setBadgeText({ tabId, text: agentDriven ? t('badgeAgent') : '' });
    if (agentDriven) {
      await browser.action.setBadgeBackgroundColor({ tabId, color: '#6d28d9' });
      await browser.action.setTitle({ tabId, title: t('actionTitleAgent') });
    } else {
      await browser.action.setTitle({ tabId, title: t('actionTitle') });
    }
  } catch {
    // The tab closed between the change and the render: nothing to show.
  }
}
