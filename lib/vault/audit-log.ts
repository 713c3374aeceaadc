import { AirlockError } from '../errors/airlock-error';
import { canonicalJson } from './canonical-json';
import { toHex, utf8 } from './encoding';
import type { VaultDb } from './vault-store';

export const AUDIT_KINDS = [
  'detection',
  'request',
  'approval',
  'denial',
  'fill',
  'refusal',
  'vault-created',
  'vault-unlocked',
  'vault-unlock-failed',
  'vault-locked',
  'password-changed',
  'entry-added',
  'entry-updated',
  'entry-deleted',
  'entries-imported',
  'vault-exported',
  'debugger-attached',
  'vault-passkey-added',
  'vault-passkey-removed',
  'credential-policy-revoked',
  'in-page-fill-allowed',
  'in-page-fill-revoked',
  'step-up',
  'own-page-opened',
  'vault-lost',
] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number];

type Scalar = string | number | boolean | null;

/** Field names that would hold a secret. The type forbids them; `assertNoSecret` refuses them at run time. */
type SecretFieldName = 'password' | 'passwd' | 'secret' | 'totp' | 'otp' | 'code' | 'token' | 'key' | 'pin' | 'cvv' | 'cvc' | 'cardNumber' | 'cookie' | 'credential' | 'value';

export type AuditDetails = { readonly [name: string]: Scalar } & { readonly [K in SecretFieldName]?: never };

/** What a caller records. Who (agent), where (tab, origin), what (kind, entry) and why; never a secret. */
export interface AuditEvent {
  kind: AuditKind;
  tabId?: number;
  /** The origin as the browser reported it (`sender.origin`), never the page's own claim. */
  origin?: string;
  /** Agent identity (handshake name, or the detection signal when the agent did not introduce itself). */
  agent?: string;
  /** A stable reason code or short human-readable reason. */
  reason?: string;
  entryId?: string;
  details?: AuditDetails;
}

export interface AuditEntry extends AuditEvent {
  seq: number;
  /** Milliseconds since the epoch. */
  at: number;
  /** Hash of the previous entry (GENESIS_HASH for the first). */
  prev: string;
  /** SHA-256 (hex) of the canonical JSON of every other member of this entry, `prev` included. */
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

const EVENT_KEYS = new Set(['kind', 'tabId', 'origin', 'agent', 'reason', 'entryId', 'details']);
const ENTRY_KEYS = new Set([...EVENT_KEYS, 'seq', 'at', 'prev', 'hash']);
const MAX_TEXT = 512;

const SECRET_NAME = /pass(word|wd|phrase|code)?$|^pw$|secret|totp|otp|token|^key$|apikey|privatekey|^pin$|cvv|cvc|cardnumber|^pan$|cookie|credential|^value$|^code$/i;
const SECRET_VALUE: readonly RegExp[] = [
  /otpauth:\/\//i, // a TOTP seed (Key Uri Format)
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/, // a JWT (RFC 7519)
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/, // PEM private key (RFC 7468)
  /\bbearer\s+[\w.~+/-]{16,}/i, // an HTTP bearer token (RFC 6750)
  /\b(password|passwd|secret)\s*[:=]/i,
];

function refuse(reason: string): never {
  throw new AirlockError('AUDIT_SECRET_REFUSED', `Audit entry refused: ${reason}`);
}

function checkText(field: string, value: string): void {
  if (value.length > MAX_TEXT) refuse(`${field} is too long`);
  if (SECRET_VALUE.some((pattern) => pattern.test(value))) refuse(`${field} looks like a secret`);
}

/**
 * Throws AUDIT_SECRET_REFUSED when an event carries a field that is not part of the audit schema, a
 * field named like a secret, or a value shaped like one. The refusal names the field, not its value.
 */
export function assertNoSecret(event: object, allowed: ReadonlySet<string> = EVENT_KEYS): void {
  for (const [name, value] of Object.entries(event)) {
    if (!allowed.has(name)) refuse(`unknown field "${name.slice(0, 40)}"`);
    if (name === 'details') {
      if (value === undefined) continue;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse('details must be an object');
      for (const [detail, detailValue] of Object.entries(value as Record<string, unknown>)) {
        if (SECRET_NAME.test(detail.replace(/[-_\s]/g, ''))) refuse(`detail "${detail.slice(0, 40)}" is named like a secret`);
        if (detailValue !== null && !['string', 'number', 'boolean'].includes(typeof detailValue)) refuse(`detail "${detail.slice(0, 40)}" is not a scalar`);
        if (typeof detailValue === 'string') checkText(`detail "${detail.slice(0, 40)}"`, detailValue);
      }
    } else if (typeof value === 'string') {
      checkText(name, value);
    } else if (value !== undefined && typeof value !== 'number') {
      refuse(`${name} has an unexpected type`);
    }
  }
  const kind = (event as { kind?: unknown }).kind;
  if (!(AUDIT_KINDS as readonly unknown[]).includes(kind)) refuse('unknown kind');
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

export async function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): Promise<string> {
  const { hash: _ignored, ...rest } = entry as AuditEntry;
  const digest = await crypto.subtle.digest('SHA-256', utf8(canonicalJson(rest)));
  return toHex(new Uint8Array(digest));
}

export type AuditProblem = 'changed' | 'removed-or-reordered' | 'truncated' | 'secret-field' | 'malformed';

export type AuditVerdict =
  | { ok: true; count: number; head: string }
  | { ok: false; problem: AuditProblem; index: number; seq: number | null };

/**
 * Checks a chain from its first entry: each hash recomputed (a changed entry), each `prev` and
 * sequence number following the previous entry (a removed or reordered one), and, with the stored
 * head, that the chain ends where it should (removed entries at the end).
 */
export async function verifyAuditChain(entries: readonly AuditEntry[], head?: { seq: number; hash: string }): Promise<AuditVerdict> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const [index, entry] of entries.entries()) {
    const seq = typeof entry?.seq === 'number' ? entry.seq : null;
    if (typeof entry !== 'object' || entry === null || typeof entry.hash !== 'string' || typeof entry.prev !== 'string') {
      return { ok: false, problem: 'malformed', index, seq };
    }
    try {
      assertNoSecret(entry, ENTRY_KEYS);
    } catch {
      return { ok: false, problem: 'secret-field', index, seq };
    }
    if ((await hashAuditEntry(entry)) !== entry.hash) return { ok: false, problem: 'changed', index, seq };
    if (entry.prev !== prev || entry.seq !== expectedSeq) return { ok: false, problem: 'removed-or-reordered', index, seq };
    prev = entry.hash;
    expectedSeq++;
  }
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq !== lastSeq || (lastSeq > 0 && head.hash !== prev))) {
    return { ok: false, problem: 'truncated', index: entries.length, seq: head.seq };
  }
  return { ok: true, count: entries.length, head: prev };
}

export interface AuditExport {
  format: 'airlock-audit';
  version: 1;
  exportedAt: number;
  head: { seq: number; hash: string } | null;
  entries: AuditEntry[];
}

/**
 * The append-only audit log, stored in the vault database. Appends are serialised, and each one
 * checks, in the same transaction that writes it, that the head has not moved, so two writers cannot
 * fork the chain. There is no update or delete.
 */
export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: VaultDb,
    private readonly now: () => number = Date.now,
  ) {}

  append(event: AuditEvent): Promise<AuditEntry> {
    const result = this.queue.then(() => this.appendNow(event));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async appendNow(event: AuditEvent): Promise<AuditEntry> {
    assertNoSecret(event);
    for (let attempt = 0; attempt < 5; attempt++) {
      const head = (await this.db.get('meta', 'audit-head')) as { seq: number; hash: string } | undefined;
      const base = withoutUndefined({ ...event, seq: (head?.seq ?? 0) + 1, at: this.now(), prev: head?.hash ?? GENESIS_HASH });
      const entry: AuditEntry = { ...base, hash: await hashAuditEntry(base) };
      const tx = this.db.transaction(['audit', 'meta'], 'readwrite');
      const current = (await tx.objectStore('meta').get('audit-head')) as { seq: number; hash: string } | undefined;
      if ((current?.hash ?? GENESIS_HASH) !== entry.prev) {
        tx.abort();
        await tx.done.catch(() => undefined);
        continue;
      }
      await tx.objectStore('audit').add(entry);
      await tx.objectStore('meta').put({ seq: entry.seq, hash: entry.hash }, 'audit-head');
      await tx.done;
      return entry;
    }
    throw new AirlockError('INTERNAL', 'The audit log is busy');
  }

  async entries(): Promise<AuditEntry[]> {
    return this.db.getAll('audit');
  }

  /** Keeps a step-up approval's receipt; its chain entry carries the receipt's hash. */
  async putReceipt(approvalId: string, receipt: unknown): Promise<void> {
    await this.db.put('receipts', { approvalId, receipt });
  }

  async receipts(): Promise<Map<string, unknown>> {
    return new Map((await this.db.getAll('receipts')).map((stored) => [stored.approvalId, stored.receipt]));
  }

  async head(): Promise<{ seq: number; hash: string } | null> {
    return ((await this.db.get('meta', 'audit-head')) as { seq: number; hash: string } | undefined) ?? null;
  }

  async verify(): Promise<AuditVerdict> {
    const tx = this.db.transaction(['audit', 'meta'], 'readonly');
    const [entries, head] = await Promise.all([tx.objectStore('audit').getAll(), tx.objectStore('meta').get('audit-head')]);
    await tx.done;
    return verifyAuditChain(entries, (head as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH });
  }

  async exportJson(): Promise<string> {
    const exported: AuditExport = { format: 'airlock-audit', version: 1, exportedAt: this.now(), head: await this.head(), entries: await this.entries() };
    return JSON.stringify(exported, null, 2);
  }
}
