import type { KeyValueArea } from '../agent/registry';
import { canonicalJson } from '../vault/canonical-json';
import { toHex, utf8 } from '../vault/encoding';
import type { AuditEvent as ChainEvent } from '../vault/audit-log';
import type { AuditEntry } from './messages';

/**
 * Step-up decisions and refusals, in `storage.local` under a versioned key. Receipts of approvals
 * hold the signed action and the assertion, so anyone with the enrolled public key can check later
 * that the human approved exactly that action (see `verify-receipt.ts`).
 */
export const AUDIT_KEY = 'approvalAudit.v1';
/** Signatures already accepted (SHA-256, base64url): an assertion is good for one decision only. */
export const SEEN_KEY = 'assertionsSeen.v1';
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

  async append(entry: AuditEntry): Promise<void> {
    const entries = await this.list();
    entries.push(entry);
    await this.local.set({ [AUDIT_KEY]: entries.slice(-MAX_ENTRIES) });
    if (this.chain) await chainEventOf(entry).then(this.chain).catch(() => undefined);
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
    const stored = (await this.local.get(SEEN_KEY))[SEEN_KEY];
    const list = Array.isArray(stored) ? (stored as string[]) : [];
    list.push(signatureHash);
    await this.local.set({ [SEEN_KEY]: list.slice(-MAX_SEEN) });
  }
}
