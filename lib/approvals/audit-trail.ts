import type { KeyValueArea } from '../agent/registry';
import { canonicalJson } from '../vault/canonical-json';
import { toHex, utf8 } from '../vault/encoding';
import type { AuditEvent as ChainEvent } from '../vault/audit-log';
import type { AuditEntry } from './messages';
import { createSerial } from './serial';
import { STORAGE_ITEMS } from '../storage/items';

/**
 * Step-up decisions and refusals, in `storage.local` under a versioned key. Receipts of approvals
 * hold the signed action and the assertion, so anyone with the enrolled public key can check later
 * that the human approved exactly that action (see `verify-receipt.ts`).
 */
export const AUDIT_KEY = STORAGE_ITEMS.approvalAudit.key;
/** Signatures already accepted (SHA-256, base64url): an assertion is good for one decision only. */
export const SEEN_KEY = STORAGE_ITEMS.assertionsSeen.key;
/** Page-forgery records per tab (see `appendPageForgery`). */
export const FORGERY_LIMITS_KEY = STORAGE_ITEMS.pageForgeryLimits.key;
const FORGERY_INTERVAL_MS = 10 * 60_000;
const MAX_ENTRIES = 2000;
const MAX_SEEN = 5000;
const MAX_DETAIL = 200;

/** Appends to the hash-chained audit log (lib/vault/audit-log.ts), where an edited or removed entry shows. */
export type ChainRecorder = (event: ChainEvent) => Promise<unknown>;

/**
 * A step-up entry as the hash-chained log keeps it: what happened, where and why, and the SHA-256 of
 * the approval's receipt, so the receipt kept here (with its assertion) can be checked against the chain.
 */
export async function chainEventOf(entry: AuditEntry): Promise<ChainEvent> {
  const receiptSha256 = entry.receipt
    ? toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(canonicalJson(entry.receipt)))))
    : undefined;
  const details = Object.fromEntries(
    Object.entries({ event: entry.event, approvalId: entry.approvalId, detail: entry.detail?.slice(0, MAX_DETAIL), receiptSha256 }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return { kind: 'step-up', reason: entry.code ?? entry.event, ...(entry.origin ? { origin: entry.origin } : {}), details };
}

export class AuditTrail {
  /**
   * `chain`, when given, also records every entry in the hash-chained audit log. The entry stays here
   * whatever the chain answers (a refused or failed chain append is not a lost step-up record).
   */
  constructor(
    private readonly local: KeyValueArea,
    private readonly chain?: ChainRecorder,
  ) {}

  /** Read-modify-write cycles run one after another, so two appends at once do not drop one. */
  private readonly serial = createSerial();

  async append(entry: AuditEntry): Promise<void> {
    await this.serial(async () => {
      const entries = await this.list();
      entries.push(entry);
      await this.local.set({ [AUDIT_KEY]: trimmed(entries) });
    });
    if (this.chain) await chainEventOf(entry).then(this.chain).catch(() => undefined);
  }

  /**
   * A page's forged decision: recorded at most once per tab every ten minutes (the limit is kept in
   * storage, so a worker restart does not reset it); the record says how many attempts came since the
   * last one. Returns whether an entry was written.
   */
  async appendPageForgery(tabId: number, entry: AuditEntry): Promise<boolean> {
    const write = await this.serial(async () => {
      const stored = (await this.local.get(FORGERY_LIMITS_KEY))[FORGERY_LIMITS_KEY] as Record<string, { at: number; since: number }> | undefined;
      const limits = Object.fromEntries(Object.entries(stored ?? {}).filter(([, l]) => entry.at - l.at < FORGERY_INTERVAL_MS));
      const last = limits[tabId];
      if (last) {
        limits[tabId] = { at: last.at, since: last.since + 1 };
        await this.local.set({ [FORGERY_LIMITS_KEY]: limits });
        return null;
      }
      const since = stored?.[tabId]?.since ?? 0;
      limits[tabId] = { at: entry.at, since: 0 };
      await this.local.set({ [FORGERY_LIMITS_KEY]: limits });
      return since > 0 ? { ...entry, detail: `${entry.detail ?? ''} (and ${since} more attempts before it)` } : entry;
    });
    if (write) await this.append(write);
    return write !== null;
  }

  async list(): Promise<AuditEntry[]> {
    const stored = (await this.local.get(AUDIT_KEY))[AUDIT_KEY];
    return Array.isArray(stored) ? (stored as AuditEntry[]) : [];
  }

  async seen(signatureHash: string): Promise<boolean> {
    const stored = (await this.local.get(SEEN_KEY))[SEEN_KEY];
    return Array.isArray(stored) && stored.includes(signatureHash);
  }

  async markSeen(signatureHash: string): Promise<void> {
    await this.serial(async () => {
      const stored = (await this.local.get(SEEN_KEY))[SEEN_KEY];
      const list = Array.isArray(stored) ? (stored as string[]) : [];
      list.push(signatureHash);
      await this.local.set({ [SEEN_KEY]: list.slice(-MAX_SEEN) });
    });
  }
}

/** The newest entries up to the cap; entries without a receipt go first, so a flood cannot push out what proves an approval. */
function trimmed(entries: AuditEntry[]): AuditEntry[] {
  let excess = entries.length - MAX_ENTRIES;
  if (excess <= 0) return entries;
  const kept = entries.filter((entry) => entry.receipt !== undefined || excess-- <= 0);
  return kept.slice(-MAX_ENTRIES);
}
