import { browser } from 'wxt/browser';
import { credentialNotifyLine } from '../agent/agent-label';
import type { AgentRegistry } from '../agent/registry';
import { addBadgeOverlay, renderAgentBadge } from '../background/badge';
import { clearSettledNotifications } from '../background/notifications';
import { tabExists } from '../background/tabs';
import type { VaultHandlerServices } from '../background/handlers/vault-handlers';
import { t } from '../i18n';
import { CredentialStore, type CredentialRequestRecord } from './credential-store';
import { TakeoverService, type TabAgent } from './takeover-service';
import { createVaultServices, sessionKeyArea } from './vault-service';
import { PROTECTIONS } from '../security/protections';
import { keepWorkerAlive } from '../background/keep-alive';
import type { WorkerStorage } from '../background/sealed-storage';
import type { VaultPushMessage } from '../messaging/push';
import type { SwapTransport } from './swap-request';
import { IDLE_ALARM, idleAlarmScheduler, IdleLockSetting } from '../vault/idle-lock';

const NOTIFICATION_PREFIX = 'airlock-credential-';
const CREDENTIAL_BADGE_COLOR = '#b45309';

/** Who drives a tab, for the audit log and policies: the agent's handshake name, else the signal that told. */
async function agentOf(registry: AgentRegistry, tabId: number, windowId: number): Promise<TabAgent> {
  const verdict = await registry.verdict(tabId, windowId);
  const handshake = verdict.signals.find((s) => s.source === 'handshake' && s.agent);
  const strongest = verdict.signals.find((s) => s.agent);
  // Unnamed: the signal that told, in a form agentLabel() words ("human_always": every tab, your setting).
  const signal = strongest?.source === 'human' ? `human_${strongest.detail}` : (strongest?.source ?? 'unknown');
  return { agentDriven: verdict.agentDriven, agent: handshake ? handshake.detail : signal, named: handshake !== undefined };
}

async function topOriginOf(tabId: number): Promise<string | null> {
  try {
    const url = (await browser.tabs.get(tabId)).url;
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/**
 * Builds the vault and the credential takeover for the service worker: the vault opened once (its
 * key in this worker's memory only), requests persisted in storage.session, the toolbar
 * badge and a system notification for each new request. Listeners are added synchronously.
 */
export function startTakeover(
  registry: AgentRegistry,
  windowOf: (tabId: number) => Promise<number>,
  storage: WorkerStorage,
  transport: SwapTransport,
): Omit<VaultHandlerServices, 'confirmation' | 'editSessions'> {
  const session = storage.session;
  const idleLock = new IdleLockSetting(storage.local);
  // An alarm at the idle deadline locks the vault even if the worker's timers were delayed.
  const scheduleIdleAlarm = browser.alarms ? idleAlarmScheduler(browser.alarms) : () => undefined;
  // The unwrapped key stays in this worker's memory: storage.session is readable by every Airlock
  // page, and an agent can open one (docs/threat-model.md). The worker is kept alive while the vault
  // is open instead, so the human is not asked again each time Chromium would idle it.
  const keepAlive = keepWorkerAlive(() => browser.runtime.getPlatformInfo());
  const vault = createVaultServices({
    ...(PROTECTIONS.keyInMemoryOnly ? {} : { session: sessionKeyArea(session) }),
    markers: browser.storage.local,
    onUnlockChange(unlocked) {
      keepAlive.hold('vault', unlocked);
      // Airlock's open views redraw (no view open: nobody to tell).
      const push: VaultPushMessage = { airlock: 'push-vault', unlocked };
      void browser.runtime.sendMessage(push).catch(() => undefined);
      if (!unlocked) return;
      // Now the integrity key is known: seal what was written before, and take the human's idle time.
      void storage.local.reseal().then(() => storage.session.reseal()).catch(() => undefined);
      void Promise.all([idleLock.minutes(), vault.vault()])
        .then(([minutes, opened]) => opened.setIdleLockMs(minutes * 60_000))
        .catch(() => undefined);
    },
    idleLockMs: async () => (await idleLock.minutes()) * 60_000,
    onIdleDeadline: scheduleIdleAlarm,
  });
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name !== IDLE_ALARM) return;
    void vault.vault().then((opened) => {
      opened.checkIdle();
      scheduleIdleAlarm(opened.idleDeadline());
    });
  });
  const store = new CredentialStore(session, storage.local);
  const badged = new Set<number>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const takeover: TakeoverService = new TakeoverService({
    store,
    vault,
    now: Date.now,
    agentOf: async (tabId, windowId) => agentOf(registry, tabId, windowId ?? (await windowOf(tabId))),
    topOriginOf,
    tabExists,
    sendToFrame: (tabId, frameId, message) => browser.tabs.sendMessage(tabId, message, { frameId }),
    transport,
    onPendingChange(pending, added) {
      void renderBadges(pending);
      if (added) void notify(added);
      void clearSettled();
      armExpiry();
    },
  });

  // A sign-in waiting in a tab outranks its agent badge (and gives way to an approval count there).
  addBadgeOverlay(async (tabId) => {
    const now = Date.now();
    return (await store.requests()).some((r) => r.tabId === tabId && r.expiresAt > now) ? { text: t('badgeCredential'), color: CREDENTIAL_BADGE_COLOR } : null;
  });

  async function renderBadges(pending: CredentialRequestRecord[]): Promise<void> {
    const tabs = new Set(pending.map((r) => r.tabId));
    for (const tabId of new Set([...tabs, ...badged])) {
      if (tabs.has(tabId)) badged.add(tabId);
      else badged.delete(tabId);
      const windowId = await windowOf(tabId).catch(() => null);
      if (windowId !== null) await renderAgentBadge(tabId, (await registry.verdict(tabId, windowId)).agentDriven);
    }
  }

  // The requests as they are now, not as a caller saw them: one added meanwhile keeps its notification.
  const clearSettled = async () => clearSettledNotifications(NOTIFICATION_PREFIX, (await store.requests()).map((r) => r.id));

  async function notify(record: CredentialRequestRecord): Promise<void> {
    try {
      await browser.notifications.create(`${NOTIFICATION_PREFIX}${record.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('credentialNotifyTitle'),
        message: credentialNotifyLine(new URL(record.origin).host, record.agent, record.agentNamed === true),
        requireInteraction: true,
      });
      // Decided or ended while the notification was being made: it goes at once.
      await clearSettled();
    } catch {
      // Notifications off or unavailable: the badge and the popup remain.
    }
  }

  function armExpiry(): void {
    void takeover.nextExpiry().then((at) => {
      if (timer !== null) clearTimeout(timer);
      timer = at === null ? null : setTimeout(() => void takeover.sweep(), Math.max(0, at - Date.now()) + 50);
    });
  }

  browser.notifications?.onClicked.addListener((id) => {
    if (!id.startsWith(NOTIFICATION_PREFIX)) return;
    // The toolbar popup is where a credential is released; a popup page in a tab could be driven by the agent.
    void browser.action.openPopup().catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener((tabId) => void takeover.forgetTab(tabId));
  // A request belongs to the document that made it: once the frame shows another, nobody should be
  // asked about it any more.
  browser.webNavigation.onCommitted.addListener((details) => void takeover.frameNavigated(details.tabId, details.frameId, details.timeStamp));
  // Requests that lapsed while the worker was stopped are expired now; the others keep waiting.
  void takeover.sweep().then((pending) => {
    void renderBadges(pending);
    armExpiry();
  });

  return { vault, takeover, session, idleLock };
}
