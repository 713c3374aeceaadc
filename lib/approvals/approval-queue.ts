import type { KeyValueArea } from '../agent/registry';
import type { CanonicalAction } from './canonical-action';
import type { ApprovalStatus } from './messages';
import { STORAGE_ITEMS } from '../storage/items';

/** One held action and where it waits. */
export interface ApprovalRecord {
  id: string;
  tabId: number;
  frameId: number;
  windowId: number;
  /** Random per document, chosen by the content script: a navigated page cannot use the approval. */
  pageToken: string;
  action: CanonicalAction;
  /** SHA-256 of the canonical action, base64url: the WebAuthn challenge. */
  challenge: string;
  status: ApprovalStatus;
  createdAt: number;
  decidedAt: number | null;
}

interface QueueState {
  records: Record<string, ApprovalRecord>;
}

/**
 * Pending and recently decided approvals, in `storage.session` (versioned key): a service-worker
 * stop loses nothing, and nothing outlives the browser session. Every write is persisted before the
 * call resolves.
 */
export const QUEUE_KEY = STORAGE_ITEMS.approvals.key;
/** Decided approvals are kept this long for consume / audit, then dropped. */
const KEEP_DECIDED_MS = 10 * 60_000;

export class ApprovalQueue {
  constructor(private readonly session: KeyValueArea) {}

  private async read(): Promise<QueueState> {
    const stored = (await this.session.get(QUEUE_KEY))[QUEUE_KEY] as QueueState | undefined;
    return stored && typeof stored.records === 'object' ? stored : { records: {} };
  }

  async all(): Promise<ApprovalRecord[]> {
    return Object.values((await this.read()).records);
  }

  async get(id: string): Promise<ApprovalRecord | null> {
    return (await this.read()).records[id] ?? null;
  }

  async put(record: ApprovalRecord, now: number): Promise<void> {
    const state = await this.read();
    state.records[record.id] = record;
    for (const [id, r] of Object.entries(state.records)) {
      if (r.status !== 'pending' && r.decidedAt !== null && now - r.decidedAt > KEEP_DECIDED_MS) delete state.records[id];
    }
    await this.session.set({ [QUEUE_KEY]: state });
  }
}
