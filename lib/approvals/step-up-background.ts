import { browser } from 'wxt/browser';
import { addBadgeOverlay } from '../background/badge';
import { clearSettledNotifications } from '../background/notifications';
import { tabExists } from '../background/tabs';
import type { KeyValueArea } from '../agent/registry';
import type { StepUpServices } from '../background/handlers/approval-handlers';
import { t } from '../i18n';
import type { ApprovalRecord } from './approval-queue';
import { ApprovalService } from './approval-service';
import { AuditTrail, type StepUpLog } from './audit-trail';
import type { ApprovalPush } from './messages';
import { PasskeyService } from './passkey-service';
import { PolicyService } from './policy-service';
import { PolicyStore } from './policy-store';
import { topicLabel } from './topic-label';

const APPROVAL_BADGE_COLOR = '#b91c1c';
/** System notifications of approvals: `${prefix}${approvalId}`. */
export const APPROVAL_NOTIFICATION_PREFIX = 'airlock-approval-';

/** How long an agent's action waits for the human before the approval expires. */
export const APPROVAL_TTL_MS = 5 * 60_000;

export interface StepUpWiring {
  session: KeyValueArea;
  local: KeyValueArea;
  isAgentDriven(tabId: number, windowId: number): Promise<boolean>;
  /** Draws the tab's usual badge again once nothing waits there. */
  restoreTabBadge(tabId: number): Promise<void>;
  /** The hash-chained audit log, where step-up entries and their receipts are kept. */
  log(): Promise<StepUpLog>;
}

const randomBytes = (length: number) => crypto.getRandomValues(new Uint8Array(length));

function describe(record: ApprovalRecord): string {
  const a = record.action;
  const money = a.amount !== null ? `${a.amount} ${a.currency ?? ''}`.trim() : '';
  return [new URL(a.origin).host, topicLabel(a.topic), money, a.payee ?? ''].filter(Boolean).join(' · ');
}

/**
 * Builds the step-up services for the service worker: the approvals queue (persisted in
 * storage.session), passkeys and policies (storage.local), the badge count and a system notification
 * per new approval. Nothing here is awaited at start-up, so listeners stay synchronous.
 */
export function createStepUp(wiring: StepUpWiring): Omit<StepUpServices, 'confirmation'> & { audit: AuditTrail } {
  const origin = new URL(browser.runtime.getURL('/')).origin;
  const rpId = browser.runtime.id;
  const now = () => Date.now();
  const audit = new AuditTrail(wiring.local, wiring.log);
  void audit.adoptEarlierTrail().catch((error: unknown) => console.error('Airlock step-up trail:', (error as Error | null)?.name ?? 'unknown'));
  const passkeys = new PasskeyService({ local: wiring.local, session: wiring.session, audit, now, randomBytes, rpId, rpIdHashSources: [rpId, origin], origin });
  const policyStore = new PolicyStore(wiring.local, wiring.session);
  const policies = new PolicyService({ store: policyStore, passkeys, audit, now });
  let timer: ReturnType<typeof setTimeout> | null = null;
  const badgedTabs = new Set<number>();

  const approvals: ApprovalService = new ApprovalService({
    session: wiring.session,
    audit,
    passkeys,
    policies: policyStore,
    now,
    randomBytes,
    isAgentDriven: wiring.isAgentDriven,
    tabExists,
    ttlMs: APPROVAL_TTL_MS,
    async pushToFrame(tabId: number, frameId: number, message: ApprovalPush) {
      await browser.tabs.sendMessage(tabId, message, { frameId });
    },
    onPendingChange(pending, added) {
      void renderCount(pending);
      if (added) void notify(added);
      void clearSettled();
      armExpiry();
    },
  });

  // Approvals waiting in a tab outrank everything else on its badge, after a worker restart too.
  addBadgeOverlay(async (tabId) => {
    const count = (await approvals.pending()).filter((r) => r.tabId === tabId).length;
    return count > 0 ? { text: String(count), color: APPROVAL_BADGE_COLOR } : null;
  });

  async function renderCount(pending: ApprovalRecord[]): Promise<void> {
    const perTab = new Map<number, number>();
    for (const r of pending) perTab.set(r.tabId, (perTab.get(r.tabId) ?? 0) + 1);
    try {
      await browser.action.setBadgeText({ text: pending.length ? String(pending.length) : '' });
      await browser.action.setBadgeBackgroundColor({ color: APPROVAL_BADGE_COLOR });
      for (const [tabId, count] of perTab) {
        badgedTabs.add(tabId);
        await browser.action.setBadgeText({ tabId, text: String(count) }).catch(() => undefined);
        await browser.action.setBadgeBackgroundColor({ tabId, color: APPROVAL_BADGE_COLOR }).catch(() => undefined);
      }
      for (const tabId of [...badgedTabs]) {
        if (perTab.has(tabId)) continue;
        badgedTabs.delete(tabId);
        await wiring.restoreTabBadge(tabId);
      }
    } catch {
      // A closed tab or a browser without badges: the popup still lists the approvals.
    }
  }

  // The queue as it is now, not as a caller saw it: a request added meanwhile keeps its notification.
  const clearSettled = async () => clearSettledNotifications(APPROVAL_NOTIFICATION_PREFIX, (await approvals.pending()).map((r) => r.id));

  async function notify(record: ApprovalRecord): Promise<void> {
    try {
      await browser.notifications.create(`${APPROVAL_NOTIFICATION_PREFIX}${record.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t(record.action.kind === 'payment' ? 'approvalNotifyPayment' : 'approvalNotifySettings'),
        message: describe(record),
        requireInteraction: true,
      });
      // Decided or ended while the notification was being made: it goes at once.
      await clearSettled();
    } catch {
      // Notifications off or unavailable: the badge and the popup remain.
    }
  }

  function armExpiry(): void {
    void approvals.nextExpiry().then((at) => {
      if (timer !== null) clearTimeout(timer);
      timer = at === null ? null : setTimeout(() => void approvals.sweep(), Math.max(0, at - now()) + 50);
    });
  }

  // A closed tab's approvals end at once, and so do those of a document that left its frame: their
  // badge count, notification and place in the popup go with them.
  browser.tabs.onRemoved.addListener((tabId) => void approvals.tabClosed(tabId).catch(() => undefined));
  browser.webNavigation.onCommitted.addListener((details) => void approvals.frameNavigated(details.tabId, details.frameId, details.timeStamp).catch(() => undefined));

  return { approvals, passkeys, policies, audit };
}

/** A click on an approval notification opens the toolbar popup, or, where that is refused, the popup page in a window. */
export async function openApprovals(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.windows.create({ url: browser.runtime.getURL('/popup.html'), type: 'popup', width: 420, height: 640 });
  }
}
