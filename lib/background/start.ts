import { browser } from 'wxt/browser';
import { managedPolicySource } from '../agent/managed-policy-source';
import { isProtocolNavigation } from '../agent/navigation-signal';
import { AgentRegistry } from '../agent/registry';
import { AirlockError } from '../errors/airlock-error';
import { createRouter } from '../messaging/router';
import type { PushMessage } from '../messaging/push';
import { AgentService } from './agent-service';
import { renderAgentBadge } from './badge';
import { cachedDebuggerPermission, debuggeeTargets, debuggerAttachedTabs, debuggerSupport } from './debugger-signal';
import { guardHandlers, OwnTargetWatch } from './own-target-watch';
import { buildHandlers } from './handlers';
import { HumanConfirmation } from '../approvals/human-confirmation';
import { APPROVAL_NOTIFICATION_PREFIX, createStepUp, openApprovals } from '../approvals/step-up-background';
import { VaultEditSessions } from '../approvals/vault-edit-sessions';
import { startOAuthServices } from '../oauth/start-broker';
import { startTakeover } from '../takeover/start-takeover';
import { startOwnPageWatch } from './own-page-wiring';
import { workerStorage } from './sealed-storage';
import { startSwapTransport } from './swap-transport';

/** How often a living worker looks for a debugger on Airlock's own targets. */
const OWN_TARGET_POLL_MS = 5_000;

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
  const managed = managedPolicySource(() => browser.storage.managed.get(), browser.storage.session);
  // Started now, not at the first message: the first read after a browser start is slow.
  void managed.read();
  // Sealed records (lib/storage/items.ts) are checked against the vault's integrity key, bound below.
  let integrityKey: () => CryptoKey | null = () => null;
  const storage = workerStorage(
    () => integrityKey(),
    (key) => void vault.vault.record({ kind: 'refusal', reason: 'SEALED_RECORD_FORGED', details: { record: key } }),
  );
  const registry = new AgentRegistry({
    session: browser.storage.session,
    local: browser.storage.local,
    readManaged: managed.read,
    now: Date.now,
  });
  const service = new AgentService({
    registry,
    windowOf,
    debuggerTabs: debuggerAttachedTabs,
    debuggerSupport: debuggerSupport(),
    debuggerOnAirlock: () => ownTargets.check(),
  });
  const stepUp = createStepUp({
    session: storage.session,
    local: storage.local,
    isAgentDriven: async (tabId, windowId) => (await registry.verdict(tabId, windowId)).agentDriven,
    restoreTabBadge: async (tabId) => {
      const windowId = await windowOf(tabId);
      await renderAgentBadge(tabId, (await registry.verdict(tabId, windowId)).agentDriven);
    },
    // One hash-chained log for the vault, the takeover, step-up and both brokers.
    log: () => vault.vault.audit(),
  });
  // The vault and credential takeover: requests persist in storage.session, the vault key too.
  // Sign-in requests carrying a real password leave from Airlock's side, never from the page.
  const swaps = startSwapTransport();
  const vault = startTakeover(registry, windowOf, storage, swaps.transport);
  integrityKey = () => vault.vault.integrityKey();
  // The OAuth broker's navigation listeners are registered here, synchronously, like every other.
  const oauth = { ...startOAuthServices(registry, vault.vault.vault, storage), registry };
  // Every human decision on an Airlock page is proven (passkey, else master password), not just clicked.
  const confirmation = new HumanConfirmation({ passkeys: stepUp.passkeys, vault: vault.vault.vault, record: vault.vault.record });
  const editSessions = new VaultEditSessions({ session: storage.session, now: Date.now });
  // A lock (by hand, idle, a debugger on Airlock) ends every edit session with the key.
  void vault.vault.vault().then((opened) => opened.onLock(() => void editSessions.closeAll()));
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  // T3 (docs/threat-model.md): a debugger on Airlock's own targets locks the vault and is refused every decision.
  const ownTargets = new OwnTargetWatch({
    getTargets: debuggeeTargets,
    permitted: cachedDebuggerPermission(),
    extensionId: browser.runtime.id,
    extensionOrigin,
    lockVault: async () => (await vault.vault.vault()).lock('debugger'),
    vaultUnlocked: async () => (await vault.vault.vault()).isUnlocked,
    record: vault.vault.record,
    now: Date.now,
  });
  // An Airlock page in a tab is an agent's: it is closed on sight, and refused (lib/own-pages).
  const ownPages = startOwnPageWatch({
    extensionOrigin,
    lockVault: async () => (await vault.vault.vault()).lock('own-page'),
    vaultUnlocked: async () => (await vault.vault.vault()).isUnlocked,
    record: vault.vault.record,
    dropHiddenDocuments: swaps.dropHiddenDocuments,
  });
  const route = createRouter(
    guardHandlers(
      buildHandlers(service, windowOf, { ...stepUp, confirmation }, { ...oauth, confirmation }, { ...vault, confirmation, editSessions }, ownPages.watch),
      () => ownTargets.refuseIfAttached(),
    ),
    browser.runtime.id,
    extensionOrigin,
    (kind, senderKind) => {
      // A content script or page asking to decide is an attack on step-up: keep a record.
      if (/^(approval|passkey|policy)\./.test(kind)) void stepUp.audit.append({ at: Date.now(), event: 'refused', code: 'SENDER_FORBIDDEN', detail: `${senderKind} sent ${kind}` });
      // Likewise for an agent's page trying to approve its own token or sign-in.
      if (/^(oauth|token)\./.test(kind)) void oauth.audit.record({ kind: 'refusal', reason: 'SENDER_FORBIDDEN', details: { broker: kind.split('.')[0]!, message: kind, sender: senderKind } });
    },
    ownPages.admit,
  );

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.notifications?.onClicked.addListener((id) => {
    if (id.startsWith(APPROVAL_NOTIFICATION_PREFIX)) void openApprovals();
  });
  // Approvals that expired while the worker was stopped are expired (and their pages told) now.
  void stepUp.approvals.sweep();
  // A worker restarted under a debugger resumes its key from storage.session: look at once, then
  // while the worker lives (the watch looks only while the vault is unlocked or one was attached).
  void ownTargets.check().catch(() => undefined);
  setInterval(() => void ownTargets.tick().catch(() => undefined), OWN_TARGET_POLL_MS);

  registry.onChange((tabId) => {
    void (async () => {
      const windowId = await windowOf(tabId).catch(() => null);
      if (windowId === null) return;
      const state = await service.publicState(tabId, windowId);
      await renderAgentBadge(tabId, state.agentDriven);
      await vault.takeover.agentChanged(tabId).catch(() => undefined);
      const push: PushMessage = { airlock: 'push', state };
      await browser.tabs.sendMessage(tabId, push).catch(() => undefined);
    })();
  });

  // Firefox under WebDriver BiDi or Marionette always sets navigator.webdriver; its transition
  // types were not measured, so the navigation signal is Chromium's alone.
  if (import.meta.env.BROWSER !== 'firefox') {
    browser.webNavigation.onCommitted.addListener((details) => {
      if (isProtocolNavigation(details)) void registry.observe(details.tabId, 'navigation', 'Page.navigate').catch(() => undefined);
    });
  }

  browser.tabs.onRemoved.addListener((tabId) => {
    void registry.forgetTab(tabId);
    void editSessions.forgetTab(tabId);
  });
  // Badges are per tab and reset on navigation: draw them again once the tab has loaded.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'complete') return;
    void windowOf(tabId)
      .then((windowId) => registry.verdict(tabId, windowId))
      .then((verdict) => renderAgentBadge(tabId, verdict.agentDriven))
      .catch(() => undefined);
  });

  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void managed.refresh().then((policy) => registry.setManagedPolicy(policy));
  });
}
