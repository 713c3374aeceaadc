import { AirlockError } from '../errors/airlock-error';
import type { AuditEvent } from '../vault/audit-log';

/** One of Airlock's documents as `runtime.getContexts` reports it (Chromium 116+). */
export interface OwnContext {
  contextType: string;
  tabId: number;
  documentId?: string;
  documentUrl?: string;
}

export interface OwnPageWatchDeps {
  /** `chrome-extension://<id>` (or Firefox's `moz-extension://<uuid>`). */
  extensionOrigin: string;
  /** Paths under the extension's origin that hold no privilege (sandboxed pages), e.g. `/human-window.html`. */
  unprivilegedPaths: readonly string[];
  /** `runtime.getContexts({})`, or null where the browser has none. */
  contexts(): Promise<OwnContext[]> | null;
  closeTab(tabId: number): Promise<void>;
  lockVault(): Promise<void>;
  /** Ends documents Airlock runs out of sight that a page may have scripted (the offscreen document). */
  dropHiddenDocuments(): Promise<void>;
  record(event: AuditEvent): Promise<boolean>;
  /** Tells Airlock's views (popup, side panel) that their standing changed. */
  announce(): void;
  now(): number;
}

/** Without a list of Airlock's documents (Firefox), how long every view is refused after a page was found in a tab. */
export const QUARANTINE_MS = 10_000;

/** What Airlock's views show and the router checks. */
export interface OwnPageStatus {
  /** Airlock pages found in tabs and not yet closed. */
  openInTabs: number;
  /** When the last one was found (null: none in this worker's life). */
  lastFoundAt: number | null;
  /** When the last one was gone: a view opened before then may have been scripted by it. */
  lastClosedAt: number | null;
}

/**
 * Airlock's own pages in tabs (docs/threat-model.md, "Airlock's own pages"). An agent that drives the
 * browser can open `chrome-extension://<id>/...` in a tab and run script there with every permission
 * Airlock holds: storage, messages to the worker, `tabs.sendMessage` to content scripts,
 * `action.openPopup` and `extension.getViews` into the popup and the side panel. Airlock never opens
 * a privileged page in a tab itself (its human surfaces are the toolbar popup and the side panel,
 * which no automation attaches to and no tab can show), so every such tab is an agent's or a
 * mistake's. On sight: the vault locks, the tab closes, it is recorded, and every Airlock document
 * alive while it was (the popup, the side panel: the tab could script them through `getViews`) is
 * refused from then on and told to close.
 */
export class OwnPageWatch {
  private readonly open = new Map<number, { path: string; since: number }>();
  /** Documents that lived beside an Airlock page in a tab: refused for the rest of their life. */
  private readonly tainted = new Set<string>();
  private lastFoundAt: number | null = null;
  private lastClosedAt: number | null = null;

  constructor(private readonly deps: OwnPageWatchDeps) {}

  get status(): OwnPageStatus {
    return { openInTabs: this.open.size, lastFoundAt: this.lastFoundAt, lastClosedAt: this.lastClosedAt };
  }

  /** Whether `url` is one of Airlock's privileged pages (any extension URL but the sandboxed ones). */
  isPrivilegedUrl(url: string | undefined): boolean {
    if (!url || !url.startsWith(`${this.deps.extensionOrigin}/`)) return false;
    const path = url.slice(this.deps.extensionOrigin.length).split(/[?#]/)[0]!;
    return !this.deps.unprivilegedPaths.includes(path);
  }

  /**
   * A tab is at `url` (tabs.onCreated's pending URL, tabs.onUpdated's URL, webNavigation.onCommitted):
   * an Airlock page there is acted on at once, before its own scripts (or an agent's) have run.
   */
  async tabAt(tabId: number, url: string | undefined): Promise<void> {
    if (tabId < 0 || !this.isPrivilegedUrl(url)) return;
    await this.found(tabId, url!);
  }

  /** A message from an Airlock page in a tab: the watch may not have seen it yet (a worker restart). */
  async messageFromTab(tabId: number, url: string): Promise<void> {
    if (this.isPrivilegedUrl(url)) await this.found(tabId, url);
  }

  async tabRemoved(tabId: number): Promise<void> {
    if (!this.open.delete(tabId)) return;
    this.lastClosedAt = this.deps.now();
    // Documents opened while it lived (the popup it opened, say) are refused too.
    await this.taintLiving();
    this.deps.announce();
  }

  /** Looks at every Airlock document now (at worker start, and on a timer as a backstop to the events). */
  async sweep(): Promise<void> {
    const listing = this.deps.contexts();
    if (listing === null) return;
    for (const context of await listing.catch(() => [])) {
      if (context.contextType === 'TAB' && context.tabId >= 0) await this.tabAt(context.tabId, context.documentUrl);
    }
    for (const tabId of [...this.open.keys()]) {
      await this.deps.closeTab(tabId).catch(() => this.open.delete(tabId));
    }
  }

  /**
   * Refuses, while an Airlock page is open in a tab, every decision (OWN_PAGE_OPEN); and, while any
   * view that lived beside one is still open, everything (OWN_PAGE_TAINTED). Chromium does not say
   * which document of a view sent a message (no `documentId` for extension views, measured), so a
   * tainted view cannot be told from a clean one: all views wait until the tainted ones are gone
   * (they close themselves; one a page's script keeps open, the human closes). Where the browser lists
   * no documents (Firefox), every view waits for QUARANTINE_MS after such a page was found.
   */
  async check(decides: boolean, documentId?: string): Promise<void> {
    if (this.open.size > 0 && decides) {
      throw new AirlockError('OWN_PAGE_OPEN', 'An Airlock page is open in a tab, where an agent can script it: decisions wait until it is gone');
    }
    if (await this.taintedViewOpen(documentId)) {
      throw new AirlockError('OWN_PAGE_TAINTED', 'A window of Airlock\'s that was open beside an Airlock page in a tab is still open: close Airlock\'s windows and open Airlock again');
    }
  }

  /** Whether a view that lived beside an Airlock page in a tab is still open (or, unlisted, may be). */
  async taintedViewOpen(documentId?: string): Promise<boolean> {
    if (documentId !== undefined && this.tainted.has(documentId)) return true;
    if (this.tainted.size === 0 && this.lastFoundAt === null) return false;
    const listing = this.deps.contexts();
    if (listing === null) return this.lastFoundAt !== null && this.deps.now() - this.lastFoundAt < QUARANTINE_MS;
    const living = await listing.catch(() => null);
    if (living === null) return true;
    return living.some((context) => context.documentId !== undefined && this.tainted.has(context.documentId));
  }

  private async found(tabId: number, url: string): Promise<void> {
    const path = url.slice(this.deps.extensionOrigin.length).split(/[?#]/)[0]!;
    const first = !this.open.has(tabId);
    if (first) this.open.set(tabId, { path, since: this.deps.now() });
    this.lastFoundAt = this.deps.now();
    // Closing first: every millisecond it stays open is one its scripts (or an agent's) may run.
    const closing = this.deps.closeTab(tabId).catch(() => undefined);
    await Promise.all([closing, this.deps.lockVault().catch(() => undefined), this.taintLiving(), this.deps.dropHiddenDocuments().catch(() => undefined)]);
    this.deps.announce();
    if (first) await this.deps.record({ kind: 'own-page-opened', tabId, reason: 'OWN_PAGE_IN_TAB', details: { path } });
  }

  private async taintLiving(): Promise<void> {
    const listing = this.deps.contexts();
    if (listing === null) return;
    for (const context of await listing.catch(() => [])) {
      if (context.contextType !== 'BACKGROUND' && context.documentId) this.tainted.add(context.documentId);
    }
  }
}
