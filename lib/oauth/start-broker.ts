import { browser } from 'wxt/browser';
import type { WorkerStorage } from '../background/sealed-storage';
import { t } from '../i18n';
import type { AgentRegistry } from '../agent/registry';
import type { Vault } from '../vault/vault';
import { vaultAuditSink, type AuditSink } from './audit-sink';
import { OAuthBroker } from './broker';
import { browserBrokerPlatform } from './browser-platform';
import { FlowStore } from './flow-store';
import { vaultRefreshTokens } from './refresh-tokens';
import { TokenBroker } from './token-broker';
import { tokenAuthorizer } from './token-authorizer';
import { browserTokenDelivery } from './token-delivery';
import { STORAGE_ITEMS } from '../storage/items';

/** Both brokers, sharing one audit sink; the token broker keeps refresh tokens in `vault`. */
export function startOAuthServices(registry: AgentRegistry, vault: () => Promise<Vault>, storage: WorkerStorage): { broker: OAuthBroker; tokens: TokenBroker; audit: AuditSink } {
  const audit = vaultAuditSink();
  const broker = startOAuthBroker(registry, audit);
  const delivery = browserTokenDelivery();
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Expires waiting requests on time while the worker runs; one that lapsed while it was stopped is
  // expired at the next start (below).
  const armExpiry = () =>
    void tokens.nextExpiry().then((at) => {
      if (timer !== null) clearTimeout(timer);
      timer = at === null ? null : setTimeout(() => void tokens.pendingRequests().catch(() => undefined), Math.max(0, at - Date.now()) + 50);
    });
  const tokens: TokenBroker = new TokenBroker({
    local: storage.local,
    session: storage.session,
    delivery,
    onRequestsChange: armExpiry,
    refreshTokens: vaultRefreshTokens(vault),
    audit,
    ...tokenAuthorizer(browser.identity, broker),
    notify: async (view) => {
      await browser.notifications?.create(`airlock-token-${view.requestId}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('tokenNotifyTitle'),
        message: t('tokenNotifyBody', [view.agent || view.origin, view.provider]),
      });
    },
    askUnlock: async (grant) => {
      await browser.notifications?.create(`airlock-token-unlock-${grant.grantId}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('tokenUnlockTitle'),
        message: t('tokenUnlockBody', [grant.agent || grant.origin, grant.provider]),
      });
    },
    now: Date.now,
  });
  // Grants of the previous format held refresh tokens sealed by a key that died with the worker.
  void browser.storage.session.remove(STORAGE_ITEMS.tokenGrantsLegacy.key).catch(() => undefined);
  browser.tabs.onRemoved.addListener((tabId) => void tokens.forgetTab(tabId).catch(() => undefined));
  // Requests kept from before a worker stop: the overdue are expired now, the others wait on.
  void tokens
    .pendingRequests()
    .then(armExpiry)
    .catch(() => undefined);
  return { broker, tokens, audit };
}

/**
 * Builds the OAuth broker and registers its listeners synchronously (an event that woke the service
 * worker must not be missed). Only top-frame navigations matter: authorization requests in frames are
 * not brokered (providers forbid framing their login pages anyway).
 */
export function startOAuthBroker(registry: AgentRegistry, audit: AuditSink): OAuthBroker {
  const broker = new OAuthBroker({
    flows: new FlowStore(browser.storage.session, Date.now),
    registry,
    audit,
    platform: browserBrokerPlatform(),
    now: Date.now,
  });
  const report = (error: unknown) => console.error('Airlock OAuth broker:', (error as Error | null)?.name ?? 'unknown');
  const nav = browser.webNavigation;

  nav.onCreatedNavigationTarget.addListener((details) => {
    void broker.popupCreated(details.sourceTabId, details.tabId, details.url).catch(report);
  });
  nav.onBeforeNavigate.addListener((details) => {
    if (details.frameId === 0) void broker.beforeNavigate(details.tabId, details.url).catch(report);
  });
  nav.onCommitted.addListener((details) => {
    if (details.frameId === 0) broker.committed(details.tabId, details.url);
  });
  nav.onErrorOccurred.addListener((details) => {
    // A load that was merely interrupted (by Airlock's own delivery, say) is no response to judge.
    const error = (details as { error?: string }).error ?? '';
    if (details.frameId === 0 && !/ERR_ABORTED|NS_BINDING_ABORTED/.test(error)) void broker.navigationFailed(details.tabId, details.url).catch(report);
  });
  browser.tabs.onRemoved.addListener((tabId) => void broker.tabRemoved(tabId).catch(report));

  // Agent mode changes which tabs' authorization requests are stopped: coalesce bursts of changes.
  let pending = false;
  registry.onChange(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      void broker.syncRules().catch(report);
    });
  });
  void broker.expireOverdue().then(() => broker.syncRules()).catch(report);
  return broker;
}
