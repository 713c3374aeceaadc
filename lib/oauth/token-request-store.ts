import type { KeyValueArea } from '../agent/registry';
import type { AgentPublicKey } from '../protocol/messages';
import type { TokenRequestView } from './views';
import { STORAGE_ITEMS } from '../storage/items';

export const TOKEN_REQUESTS_KEY = STORAGE_ITEMS.tokenRequests.key;
/** Tickets answered at once (a renewed grant), kept a minute: a repeat of one is not served twice. */
export const ANSWERED_TICKETS_KEY = STORAGE_ITEMS.tokenTicketsAnswered.key;
const ANSWERED_KEEP_MS = 60_000;

/**
 * A token request waiting for the human, or being run after the human approved it. Kept in
 * `storage.session` so that an MV3 service-worker stop while the human decides loses nothing
 * (docs/architecture.md); gone with the browser. No secret: the PKCE verifier,
 * `state`, code and tokens live only in the flow that runs after approval.
 */
export interface TokenRequestRecord extends TokenRequestView {
  /** The `token.request` ticket the asking document waits on: its answer is pushed under it. */
  ticket: string;
  /** Only a tab's top frame may ask. */
  frameId: 0;
  /** The asking document, where the browser names documents (Chromium); the answer goes to it only. */
  documentId?: string;
  /** A request still pending then is expired (TOKEN_REQUEST_EXPIRED). */
  expiresAt: number;
  /** The agent's public key: the token is sealed to it before it crosses the page. */
  encryptTo: AgentPublicKey;
}

/** Reads and writes the request list; every write is awaited before the caller replies. */
export class TokenRequestStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly session: KeyValueArea) {}

  private async read(): Promise<TokenRequestRecord[]> {
    const stored = (await this.session.get(TOKEN_REQUESTS_KEY))[TOKEN_REQUESTS_KEY];
    return Array.isArray(stored) ? (stored as TokenRequestRecord[]) : [];
  }

  async all(): Promise<TokenRequestRecord[]> {
    await this.queue;
    return this.read();
  }

  /** Runs read-modify-write cycles one after another, so two requests arriving together do not drop one another. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  update(change: (records: TokenRequestRecord[]) => TokenRequestRecord[]): Promise<TokenRequestRecord[]> {
    return this.serial(async () => {
      const next = change(await this.read());
      await this.session.set({ [TOKEN_REQUESTS_KEY]: next });
      return next;
    });
  }

  /**
   * Claims a ticket for an answer given at once; false if it was claimed within the last minute (the
   * same request asked again because its reply was lost). Serialised with the request list.
   */
  claimAnswer(ticket: string, now: number): Promise<boolean> {
    return this.serial(async () => {
      const stored = (await this.session.get(ANSWERED_TICKETS_KEY))[ANSWERED_TICKETS_KEY];
      const recent = (Array.isArray(stored) ? (stored as Array<{ ticket: string; at: number }>) : []).filter((t) => now - t.at < ANSWERED_KEEP_MS);
      const fresh = !recent.some((t) => t.ticket === ticket);
      await this.session.set({ [ANSWERED_TICKETS_KEY]: fresh ? [...recent, { ticket, at: now }] : recent });
      return fresh;
    });
  }
}
