import type { KeyValueArea } from '../agent/registry';
import { AirlockError } from '../errors/airlock-error';
import type { SenderContext } from '../messaging/sender';
import { STORAGE_ITEMS } from '../storage/items';

/** Live edit sessions, in `storage.session` (memory only, trusted contexts only), so a worker restart keeps them. */
export const EDIT_SESSIONS_KEY = STORAGE_ITEMS.vaultEditSessions.key;
export const EDIT_SESSION_MS = 5 * 60_000;

interface EditSession {
  tabId: number | null;
  documentId: string | null;
  until: number;
}

/** The page a session belongs to: its tab and, where the browser tells (Chromium), its document. */
function holderOf(sender: SenderContext): { tabId: number | null; documentId: string | null } {
  return { tabId: sender.tabId, documentId: sender.documentId ?? null };
}

const sameHolder = (a: { tabId: number | null; documentId: string | null }, b: { tabId: number | null; documentId: string | null }) =>
  a.tabId === b.tabId && a.documentId === b.documentId;

/**
 * One human confirmation on an options page opens a short session in which that page (and only that
 * document: a reload or another Airlock tab needs its own) may add, change, delete and import vault
 * entries. An unlocked vault alone is not enough: an agent can open the options page in a tab.
 */
export class VaultEditSessions {
  constructor(private readonly deps: { session: KeyValueArea; now(): number; ttlMs?: number }) {}

  private async live(): Promise<EditSession[]> {
    const stored = (await this.deps.session.get(EDIT_SESSIONS_KEY))[EDIT_SESSIONS_KEY];
    const now = this.deps.now();
    return Array.isArray(stored) ? (stored as EditSession[]).filter((s) => typeof s?.until === 'number' && s.until > now) : [];
  }

  /** Opens (or extends) the sender's session; returns when it ends. */
  async open(sender: SenderContext): Promise<number> {
    const holder = holderOf(sender);
    const until = this.deps.now() + (this.deps.ttlMs ?? EDIT_SESSION_MS);
    const sessions = (await this.live()).filter((s) => !sameHolder(s, holder));
    sessions.push({ ...holder, until });
    await this.deps.session.set({ [EDIT_SESSIONS_KEY]: sessions });
    return until;
  }

  /** When the sender's session ends, or null when it has none. */
  async until(sender: SenderContext): Promise<number | null> {
    const holder = holderOf(sender);
    return (await this.live()).find((s) => sameHolder(s, holder))?.until ?? null;
  }

  /** Throws VAULT_EDIT_UNCONFIRMED unless the sender holds a live session. */
  async require(sender: SenderContext): Promise<void> {
    if ((await this.until(sender)) === null) throw new AirlockError('VAULT_EDIT_UNCONFIRMED', 'Confirm that you want to edit the vault first');
  }

  async close(sender: SenderContext): Promise<void> {
    const holder = holderOf(sender);
    await this.deps.session.set({ [EDIT_SESSIONS_KEY]: (await this.live()).filter((s) => !sameHolder(s, holder)) });
  }

  /** Every session ends when the vault locks: unlocking again needs a new confirmation to edit. */
  async closeAll(): Promise<void> {
    await this.deps.session.set({ [EDIT_SESSIONS_KEY]: [] });
  }

  /** A closed tab's session ends with it. */
  async forgetTab(tabId: number): Promise<void> {
    await this.deps.session.set({ [EDIT_SESSIONS_KEY]: (await this.live()).filter((s) => s.tabId !== tabId) });
  }
}
