import { browser } from 'wxt/browser';
import type { OAuthPushMessage, PingMessage } from '../messaging/push';
import type { BrokerPlatform } from './broker';
import { RULE_ID_FIRST, RULE_ID_LAST } from './net-rules';

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
    humanPageUrl(flowId) {
      return `${browser.runtime.getURL('/human-window.html')}?flow=${encodeURIComponent(flowId)}`;
    },
  };
}
