import { browser } from 'wxt/browser';
import { AirlockError } from '../errors/airlock-error';
import type { MessageKind } from '../messaging/contract';
import type { OwnPagePushMessage } from '../messaging/push';
import type { SenderContext } from '../messaging/sender';
import { OwnPageWatch, type OwnContext } from '../own-pages/own-page-watch';
import { PROTECTIONS } from '../security/protections';
import type { AuditEvent } from '../vault/audit-log';

/** Extension pages that run sandboxed (no extension API, an opaque origin): nothing to take from them. */
export const UNPRIVILEGED_PAGES = ['/human-window.html'] as const;

/** What a view may still do while an Airlock page is open in a tab: learn why, lock, and say no. */
const WHILE_OPEN: ReadonlySet<string> = new Set<MessageKind>(['page.status', 'vault.status', 'vault.lock', 'approval.deny']);
/** The backstop look at every Airlock document, while the vault is open (the worker is awake then anyway). */
const SWEEP_MS = 5_000;

interface OwnPageWiringDeps {
  extensionOrigin: string;
  lockVault(): Promise<void>;
  vaultUnlocked(): Promise<boolean>;
  record(event: AuditEvent): Promise<boolean>;
  /** Ends the offscreen document, if any: a page in a tab could reach it through `extension.getViews`. */
  dropHiddenDocuments?(): Promise<void>;
}

type ContextsApi = { runtime?: { getContexts?(filter: object): Promise<OwnContext[]> } };

/** Registers the watch's listeners (synchronously, so the event that woke the worker is seen). */
export function startOwnPageWatch(deps: OwnPageWiringDeps): { watch: OwnPageWatch; admit(kind: string, sender: SenderContext): Promise<void> } {
  const chromeApi = (globalThis as { chrome?: ContextsApi }).chrome;
  const watch = new OwnPageWatch({
    extensionOrigin: deps.extensionOrigin,
    unprivilegedPaths: UNPRIVILEGED_PAGES,
    contexts: () => (chromeApi?.runtime?.getContexts ? chromeApi.runtime.getContexts({}) : null),
    closeTab: (tabId) => browser.tabs.remove(tabId),
    lockVault: deps.lockVault,
    dropHiddenDocuments: deps.dropHiddenDocuments ?? (async () => undefined),
    record: deps.record,
    announce() {
      const push: OwnPagePushMessage = { airlock: 'push-own-page' };
      // No view open: nobody to tell.
      void browser.runtime.sendMessage(push).catch(() => undefined);
    },
    now: Date.now,
  });

  if (PROTECTIONS.ownPageWatch) {
    browser.tabs.onCreated.addListener((tab) => {
      if (tab.id !== undefined) void watch.tabAt(tab.id, tab.pendingUrl ?? tab.url);
    });
    browser.tabs.onUpdated.addListener((tabId, change) => {
      if (change.url) void watch.tabAt(tabId, change.url);
    });
    browser.webNavigation.onCommitted.addListener((details) => {
      if (details.frameId === 0) void watch.tabAt(details.tabId, details.url);
    });
    browser.tabs.onRemoved.addListener((tabId) => void watch.tabRemoved(tabId));
    // One may have been opened while the worker was stopped (its load event starts the worker, but
    // not necessarily before the page ran): look now.
    void watch.sweep();
    setInterval(() => {
      void deps.vaultUnlocked().then((unlocked) => (unlocked || watch.status.openInTabs > 0 ? watch.sweep() : undefined)).catch(() => undefined);
    }, SWEEP_MS);
  }

  async function admit(kind: string, sender: SenderContext): Promise<void> {
    if (!PROTECTIONS.ownPageWatch) return;
    if (sender.kind === 'extension-tab') {
      if (sender.tabId !== null) await watch.messageFromTab(sender.tabId, sender.url ?? `${deps.extensionOrigin}/`);
      throw new AirlockError('OWN_PAGE_IN_TAB', 'Airlock pages opened in a tab are refused: use the Airlock toolbar button');
    }
    if (kind === 'page.status') return;
    await watch.check(!WHILE_OPEN.has(kind), sender.documentId);
  }

  return { watch, admit };
}
