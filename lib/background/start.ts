import { browser } from 'wxt/browser';
import { parseManagedPolicy } from '../agent/managed-policy';
import { AgentRegistry } from '../agent/registry';
import { AirlockError } from '../errors/airlock-error';
import { createRouter } from '../messaging/router';
import type { PushMessage } from '../messaging/push';
import { AgentService } from './agent-service';
import { renderAgentBadge } from './badge';
import { debuggerAttachedTabs } from './debugger-signal';
import { buildHandlers } from './handlers';

async function windowOf(tabId: number): Promise<number> {
  try {
    return (await browser.tabs.get(tabId)).windowId ?? browser.windows.WINDOW_ID_NONE;
  } catch {
    throw new AirlockError('TAB_UNKNOWN', 'No such tab');
  }
}

/**
 * Builds the background's services and registers its listeners. Listeners are added synchronously,
 * before any await, so that an event which woke the service worker is not missed.
 */
export function startBackground(): void {
  // No policy installed, or no managed storage at all: the defaults apply (they never lower protection).
  const readManaged = () =>
    browser.storage.managed
      .get()
      .then(parseManagedPolicy)
      .catch(() => parseManagedPolicy(undefined));
  const registry = new AgentRegistry({
    session: browser.storage.session,
    local: browser.storage.local,
    readManaged,
    now: Date.now,
  });
  const service = new AgentService({
    registry,
    windowOf,
    debuggerTabs: debuggerAttachedTabs,
    debuggerApiPresent: import.meta.env.BROWSER !== 'firefox',
  });
  const route = createRouter(buildHandlers(service, windowOf), browser.runtime.id, new URL(browser.runtime.getURL('/')).origin);

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));

  registry.onChange((tabId) => {
    void (async () => {
      const windowId = await windowOf(tabId).catch(() => null);
      if (windowId === null) return;
      const state = await service.publicState(tabId, windowId);
      await renderAgentBadge(tabId, state.agentDriven);
      const push: PushMessage = { airlock: 'push', state };
      await browser.tabs.sendMessage(tabId, push).catch(() => undefined);
    })();
  });

  browser.tabs.onRemoved.addListener((tabId) => void registry.forgetTab(tabId));
  // Badges are per tab and reset on navigation: draw them again once the tab has loaded.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'complete') return;
    void windowOf(tabId)
      .then((windowId) => registry.verdict(tabId, windowId))
      .then((verdict) => renderAgentBadge(tabId, verdict.agentDriven))
      .catch(() => undefined);
  });

  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void readManaged().then((policy) => registry.setManagedPolicy(policy));
  });
}
