import { browser } from 'wxt/browser';
import { clearSettledNotifications } from '../background/notifications';
import { t } from '../i18n';
import type { OAuthPushMessage, PingMessage } from '../messaging/push';
import type { BrokerPlatform } from './broker';
import { holdingPageUrl } from './holding-page';
import { RULE_ID_FIRST, RULE_ID_LAST } from './net-rules';

/** Notifications of sign-ins waiting for the human carry this prefix and the flow's id. */
export const OAUTH_NOTIFICATION_PREFIX = 'airlock-oauth-';

const WINDOW_SIZE = { width: 520, height: 720 };
/** How long Airlock waits for a pop-up's opener to run again before taking the pop-up over regardless. */
const OPENER_WAIT_MAX_MS = 3000;

/**
 * Chromium refuses tab edits for a moment after a tab is created or while it is being dragged
 * ("Tabs cannot be edited right now"): try again briefly before giving up.
 */
async function retrying<T>(action: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** The broker's platform on WebExtension APIs (tabs, windows, declarativeNetRequest session rules). */
export function browserBrokerPlatform(): BrokerPlatform {
  // Each waiting sign-in is announced once; a notification stays until acted on or cleared below.
  const announced = new Set<string>();
  return {
    async navigate(tabId, url) {
      await retrying(() => browser.tabs.update(tabId, { url }), 5);
    },
    async openWindow() {
      const created = await browser.windows.create({ url: 'about:blank', type: 'popup', focused: true, ...WINDOW_SIZE });
      const tabId = created?.tabs?.[0]?.id;
      if (!created || tabId === undefined || created.id === undefined) throw new Error('window without a tab');
      return { tabId, windowId: created.id };
    },
    async focusWindow(windowId) {
      if (windowId >= 0) await browser.windows.update(windowId, { focused: true });
    },
    async adoptTab(tabId) {
      try {
        const created = await retrying(() => browser.windows.create({ tabId, type: 'popup', focused: true, ...WINDOW_SIZE }));
        if (created?.id !== undefined) return { windowId: created.id };
      } catch {
        // Fall through: the pop-up's own window still serves, its id is known to Airlock.
      }
      const tab = await browser.tabs.get(tabId);
      await browser.windows.update(tab.windowId!, { focused: true }).catch(() => undefined);
      return { windowId: tab.windowId! };
    },
    async openerRunning(openerTabId) {
      const ping: PingMessage = { airlock: 'ping' };
      const answered = browser.tabs.sendMessage(openerTabId, ping, { frameId: 0 }).catch(() => undefined);
      await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, OPENER_WAIT_MAX_MS))]);
    },
    async closeWindow(windowId) {
      if (windowId >= 0) await browser.windows.remove(windowId);
    },
    async tabs() {
      const tabs = await browser.tabs.query({});
      return tabs.flatMap((tab) => (tab.id === undefined || tab.windowId === undefined ? [] : [{ tabId: tab.id, windowId: tab.windowId }]));
    },
    async tabUrl(tabId) {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      return tab?.pendingUrl ?? tab?.url;
    },
    async applyRules(rules) {
      const existing = await browser.declarativeNetRequest.getSessionRules();
      const removeRuleIds = existing.map((rule) => rule.id).filter((id) => id >= RULE_ID_FIRST && id <= RULE_ID_LAST);
      await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds, addRules: rules });
    },
    async push(tabId, oauth) {
      const message: OAuthPushMessage = { airlock: 'push-oauth', oauth };
      await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
    },
    humanPageUrl(flow) {
      return holdingPageUrl(browser.runtime.getURL('/human-window.html'), flow, t);
    },
    announce(pending) {
      void (async () => {
        for (const id of [...announced]) if (!pending.some((flow) => flow.flowId === id)) announced.delete(id);
        for (const flow of pending) {
          if (announced.has(flow.flowId)) continue;
          announced.add(flow.flowId);
          await browser.notifications
            ?.create(`${OAUTH_NOTIFICATION_PREFIX}${flow.flowId}`, {
              type: 'basic',
              iconUrl: browser.runtime.getURL('/icon/128.png'),
              title: t('oauthNotifyTitle'),
              message: t('oauthNotifyBody', [flow.relyingParty ?? flow.clientId, flow.provider]),
              requireInteraction: true,
            })
            .catch(() => undefined);
        }
        await clearSettledNotifications(OAUTH_NOTIFICATION_PREFIX, pending.map((flow) => flow.flowId));
      })();
    },
  };
}
