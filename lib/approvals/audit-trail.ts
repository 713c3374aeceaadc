import type { KeyValueArea } from '../agent/registry';
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

export class AuditTrail {
  constructor(private readonly local: KeyValueArea) {}

  async append(entry: AuditEntry): Promise<void> {
    const entries = await this.list();
    entries.push(entry);
    await this.local.set({ [AUDIT_KEY]: entries.slice(-MAX_ENTRIES) });
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
