import type { KeyValueArea } from '../agent/registry';
import { canonicalJson } from '../vault/canonical-json';
import { toHex, utf8 } from '../vault/encoding';
import type { AuditEntry as ChainEntry, AuditEvent as ChainEvent } from '../vault/audit-log';
import type { AuditEntry } from './messages';
import { createSerial } from './serial';
import { STORAGE_ITEMS } from '../storage/items';

/**
 * Step-up decisions and refusals, kept in the one hash-chained audit log (lib/vault/audit-log.ts)
 * with the vault's, the takeover's and the brokers' entries: an approval's entry carries the SHA-256
 * of its receipt (the signed action and the assertion), and the receipt itself rests beside the chain
 * in the vault database, so anyone with the enrolled public key can check later that the human
 * approved exactly that action (`verify-receipt.ts`), and the chain shows if the receipt was swapped.
 */
/** Signatures already accepted (SHA-256, base64url): an assertion is good for one decision only. */
export const SEEN_KEY = STORAGE_ITEMS.assertionsSeen.key;
/** Page-forgery records per tab (see `appendPageForgery`). */
export const FORGERY_LIMITS_KEY = STORAGE_ITEMS.pageForgeryLimits.key;
const FORGERY_INTERVAL_MS = 10 * 60_000;
const MAX_SEEN = 5000;
const MAX_DETAIL = 200;

/** The part of the audit log the step-up trail writes to and reads from. */
export interface StepUpLog {
  append(event: ChainEvent): Promise<ChainEntry>;
  entries(): Promise<ChainEntry[]>;
  putReceipt(approvalId: string, receipt: unknown): Promise<void>;
  receipts(): Promise<Map<string, unknown>>;
}

const sha256Hex = async (value: unknown) => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(canonicalJson(value)))));

/**
 * A step-up entry as the hash-chained log keeps it: what happened, where and why, and the SHA-256 of
 * the approval's receipt, so the receipt kept beside the chain can be checked against it.
 */
export async function chainEventOf(entry: AuditEntry): Promise<ChainEvent> {
  const receiptSha256 = entry.receipt ? await sha256Hex(entry.receipt) : undefined;
  const details = Object.fromEntries(
    Object.entries({ event: entry.event, approvalId: entry.approvalId, detail: entry.detail?.slice(0, MAX_DETAIL), receiptSha256 }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return { kind: 'step-up', reason: entry.code ?? entry.event, ...(entry.origin ? { origin: entry.origin } : {}), details };
}

/** The step-up entry a chain entry records, with its receipt; `receiptAltered` when the chain's hash of it no longer matches. */
export async function stepUpEntryOf(entry: ChainEntry, receipts: Map<string, unknown>): Promise<AuditEntry | null> {
  const details = (entry.details ?? {}) as Record<string, unknown>;
  if (entry.kind !== 'step-up' || typeof details.event !== 'string') return null;
  const out: AuditEntry = { at: entry.at, event: details.event as AuditEntry['event'] };
  if (typeof details.approvalId === 'string') out.approvalId = details.approvalId;
  if (entry.origin) out.origin = entry.origin;
  if (entry.reason && entry.reason !== details.event) out.code = entry.reason;
  if (typeof details.detail === 'string') out.detail = details.detail;
  const receipt = out.approvalId ? receipts.get(out.approvalId) : undefined;
  if (receipt !== undefined && typeof details.receiptSha256 === 'string') {
    out.receipt = receipt as AuditEntry['receipt'];
    if ((await sha256Hex(receipt)) !== details.receiptSha256) out.receiptAltered = true;
  }
  return out;
}

export class AuditTrail {
  /**
   * `log`: the hash-chained audit log (opened lazily by the worker). `local` keeps only the replay
   * defence and the forgery rate limit, which are not records.
   */
  constructor(
    private readonly local: KeyValueArea,
    private readonly log: () => Promise<StepUpLog>,
  ) {}

  /** Read-modify-write cycles run one after another, so two appends at once do not drop one. */
  private readonly serial = createSerial();

  /** Appends one entry to the chain (its receipt beside it). Throws if the log cannot take it. */
  async append(entry: AuditEntry): Promise<void> {
    const log = await this.log();
    if (entry.receipt && entry.approvalId) await log.putReceipt(entry.approvalId, entry.receipt);
    await log.append(await chainEventOf(entry));
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

  /** The step-up entries of the chain, oldest first. */
  async list(): Promise<AuditEntry[]> {
    const log = await this.log();
    const [entries, receipts] = await Promise.all([log.entries(), log.receipts()]);
    const out: AuditEntry[] = [];
    for (const entry of entries) {
      const stepUp = await stepUpEntryOf(entry, receipts);
      if (stepUp) out.push(stepUp);
    }
    return out;
  }

  /**
   * The step-up trail of earlier versions, kept in `storage.local`: its receipts move beside the chain
   * (whose entries already hold their hashes), then the key goes. Run once per worker start.
   */
  async adoptEarlierTrail(): Promise<void> {
    const key = STORAGE_ITEMS.approvalAudit.key;
    const earlier = (await this.local.get(key))[key];
    if (earlier === undefined) return;
    const log = await this.log();
    for (const entry of Array.isArray(earlier) ? (earlier as AuditEntry[]) : []) {
      if (entry?.receipt && typeof entry.approvalId === 'string') await log.putReceipt(entry.approvalId, entry.receipt);
    }
    await (this.local as KeyValueArea & { remove?(key: string): Promise<void> }).remove?.(key);
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
