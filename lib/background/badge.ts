import { browser } from 'wxt/browser';
import { t } from '../i18n';

/** Shows on the toolbar icon, per tab, that Airlock treats the tab as agent-driven. */
export async function renderAgentBadge(tabId: number, agentDriven: boolean): Promise<void> {
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
