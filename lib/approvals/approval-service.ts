import type { KeyValueArea } from '../agent/registry';
import { AirlockError } from '../errors/airlock-error';
import { toBase64Url, fromBase64Url } from '../encoding/base64url';
import { ApprovalQueue, type ApprovalRecord } from './approval-queue';
import type { AuditTrail } from './audit-trail';
import { actionChallenge, sameClaim, type ActionClaim, type CanonicalAction } from './canonical-action';
import type { ApprovalListing, ApprovalPush, ApprovalRequestResult, ApprovalView, AssertionJSON, AuditEntry, ConsumeResult } from './messages';
import type { PasskeyService } from './passkey-service';
import { decidePolicy } from './policy';
import { createSerial } from './serial';
import type { PolicyStore } from './policy-store';
import { PROTECTIONS } from '../security/protections';

/** The frame an action comes from, as the browser reported it. */
export interface ActionSource {
  tabId: number;
  windowId: number;
  frameId: number;
  origin: string;
}

export interface ApprovalServiceDeps {
  session: KeyValueArea;
  audit: AuditTrail;
  passkeys: PasskeyService;
  policies: PolicyStore;
  now(): number;
  randomBytes(length: number): Uint8Array;
  isAgentDriven(tabId: number, windowId: number): Promise<boolean>;
  /** Whether the tab is still open: an approval whose tab closed has nothing left to replay into. */
  tabExists(tabId: number): Promise<boolean>;
  /** Tells the frame that held the action how it was decided. */
  pushToFrame(tabId: number, frameId: number, message: ApprovalPush): Promise<void>;
  /** Pending approvals changed: redraw the badge. `added` is set when a new one arrived (notify the human). */
  onPendingChange(pending: ApprovalRecord[], added: ApprovalRecord | null): void;
  ttlMs: number;
}

/** How long an approved action may wait for its replay before the approval lapses. */
const REPLAY_WINDOW_MS = 2 * 60_000;

const viewOf = (record: ApprovalRecord): Omit<ApprovalView, 'assertion'> => ({
  id: record.id,
  status: record.status,
  action: record.action,
  createdAt: record.createdAt,
});

/**
 * The approvals queue: holds sensitive actions of agent tabs until the human approves them with an
 * enrolled passkey, and lets each approved action be replayed exactly once, and only unchanged.
 */
export class ApprovalService {
  private readonly queue: ApprovalQueue;
  private readonly serial = createSerial();
  /**
   * Approvals this worker verified itself, with the action exactly as the human's proof covered it.
   * The stored record's `status` is only a record: any Airlock page can write storage.session, so a
   * replay is allowed only for an approval in this map. A worker restart between approval and replay
   * (a few milliseconds) empties it: the action is then asked about again.
   */
  private readonly verified = new Map<string, { action: CanonicalAction; tabId: number; frameId: number; pageToken: string }>();

  constructor(private readonly deps: ApprovalServiceDeps) {
    this.queue = new ApprovalQueue(deps.session);
  }

  /** A content script holds an action and asks whether it may go ahead. */
  request(claim: ActionClaim, source: ActionSource, pageToken: string): Promise<ApprovalRequestResult> {
    return this.serial(async () => {
      if (!(await this.deps.isAgentDriven(source.tabId, source.windowId))) return { status: 'allowed', reason: 'not-agent' };
      const now = this.deps.now();
      const decision = decidePolicy(await this.deps.policies.policyFor(source.origin), await this.deps.policies.grantFor(source.origin), claim, now);
      if (decision.allow) {
        await this.deps.audit.append({ at: now, event: 'auto-allowed', origin: source.origin, detail: `${claim.kind}/${claim.topic} ${claim.amount ?? ''} ${claim.currency ?? ''}`.trim(), code: decision.reason });
        return { status: 'allowed', reason: decision.reason };
      }
      return this.enqueue(claim, source, pageToken);
    });
  }

  private async enqueue(claim: ActionClaim, source: ActionSource, pageToken: string): Promise<ApprovalRequestResult & { status: 'pending' }> {
    const now = this.deps.now();
    const action: CanonicalAction = { ...claim, origin: source.origin, nonce: toBase64Url(this.deps.randomBytes(16)), expiresAt: now + this.deps.ttlMs };
    const record: ApprovalRecord = {
      id: toBase64Url(this.deps.randomBytes(12)),
      tabId: source.tabId,
      frameId: source.frameId,
      windowId: source.windowId,
      pageToken,
      action,
      challenge: toBase64Url(await actionChallenge(action)),
      status: 'pending',
      createdAt: now,
      decidedAt: null,
    };
    await this.queue.put(record, now);
    await this.deps.audit.append({ at: now, event: 'requested', approvalId: record.id, origin: action.origin, detail: `${action.kind}/${action.topic}` });
    // The tab may have closed while this was being queued, after its close was handled.
    if (!(await this.deps.tabExists(source.tabId))) {
      await this.settleLocked(record, 'void', 'APPROVAL_TAB_CLOSED');
      return { status: 'pending', id: record.id, expiresAt: action.expiresAt };
    }
    this.deps.onPendingChange(await this.pending(), record);
    return { status: 'pending', id: record.id, expiresAt: action.expiresAt };
  }

  /**
   * The content script is about to replay an approved action: allowed once, from the same document,
   * and only if what it would send now is exactly what the human approved. Otherwise the approval is
   * void and the human is asked again about the action as it is now.
   */
  consume(id: string, claim: ActionClaim, source: ActionSource, pageToken: string): Promise<ConsumeResult> {
    return this.serial(async () => {
      const now = this.deps.now();
      const record = await this.queue.get(id);
      if (!record || record.tabId !== source.tabId || record.frameId !== source.frameId || record.pageToken !== pageToken || record.action.origin !== source.origin) {
        await this.refuse('APPROVAL_NOT_FOUND', id, source.origin);
        throw new AirlockError('APPROVAL_NOT_FOUND', 'No such approval for this page');
      }
      if (record.status !== 'approved' || (record.decidedAt ?? 0) + REPLAY_WINDOW_MS < now) {
        await this.refuse('APPROVAL_NOT_PENDING', id, source.origin);
        throw new AirlockError('APPROVAL_NOT_PENDING', `Approval is ${record.status}`);
      }
      const verified = this.verified.get(id);
      if (PROTECTIONS.sealedAuthority && (!verified || verified.tabId !== source.tabId || verified.frameId !== source.frameId || verified.pageToken !== pageToken)) {
        // Stored as approved, but not by anything this worker checked: forged, or from before a restart.
        await this.refuse('APPROVAL_NOT_VERIFIED', id, source.origin);
        throw new AirlockError('APPROVAL_NOT_PENDING', 'This approval was not made with the human\'s proof');
      }
      this.verified.delete(id);
      if (!sameClaim(verified?.action ?? record.action, claim) || !sameClaim(record.action, claim)) {
        record.status = 'void';
        await this.queue.put(record, now);
        await this.deps.audit.append({ at: now, event: 'void', approvalId: id, origin: source.origin, code: 'APPROVAL_VOID', detail: changedParts(record.action, claim) });
        const again = await this.enqueue(claim, source, pageToken);
        return again;
      }
      record.status = 'consumed';
      await this.queue.put(record, now);
      await this.deps.audit.append({ at: now, event: 'consumed', approvalId: id, origin: source.origin });
      return { status: 'replay' };
    });
  }

  /** Pending approvals, with what to sign when an authenticator is enrolled. */
  async list(): Promise<ApprovalListing> {
    await this.sweep();
    const enrolled = (await this.deps.passkeys.store.list()).length;
    const approvals: ApprovalView[] = [];
    for (const record of await this.pending()) {
      approvals.push({ ...viewOf(record), assertion: enrolled > 0 ? await this.deps.passkeys.assertionOptions(record.challenge) : null });
    }
    return { approvals, enrolled };
  }

  /** The human approved: only an assertion from an enrolled authenticator over this action's challenge counts. */
  approve(id: string, assertion: AssertionJSON): Promise<ApprovalView> {
    return this.approveChecked(
      id,
      async (record) => {
        await this.deps.passkeys.verify(assertion, fromBase64Url(record.challenge));
      },
      (record) => ({ receipt: { action: record.action, credentialId: assertion.id, assertion } }),
    );
  }

  /**
   * The human approved with the vault's master password, which only counts while no passkey is enrolled
   * (`confirm` is the human-confirmation check, bound to this approval's id and challenge). The weaker
   * proof leaves no signed receipt: the entry says how it was confirmed instead.
   */
  approveWithMasterPassword(id: string, confirm: (record: ApprovalRecord) => Promise<void>): Promise<ApprovalView> {
    return this.approveChecked(id, confirm, () => ({ code: 'HUMAN_CONFIRMED_MASTER_PASSWORD_WEAKER', detail: 'master-password' }));
  }

  private approveChecked(
    id: string,
    check: (record: ApprovalRecord) => Promise<void>,
    evidence: (record: ApprovalRecord) => Pick<AuditEntry, 'receipt' | 'code' | 'detail'>,
  ): Promise<ApprovalView> {
    return this.serial(async () => {
      await this.sweepLocked();
      const record = await this.queue.get(id);
      try {
        if (!record) throw new AirlockError('APPROVAL_NOT_FOUND', 'No such approval');
        if (record.status === 'expired') throw new AirlockError('APPROVAL_EXPIRED', 'This approval expired; the agent must try again');
        if (record.status === 'void') throw new AirlockError('APPROVAL_VOID', 'The page of this approval was closed or changed; the agent must try again');
        if (record.status !== 'pending') throw new AirlockError('ASSERTION_REPLAYED', `This approval is already ${record.status}`);
        // The challenge must name the action the popup showed: a stored record is page-writable.
        if (toBase64Url(await actionChallenge(record.action)) !== record.challenge) throw new AirlockError('APPROVAL_VOID', 'This approval was altered');
        await check(record);
      } catch (error) {
        await this.refuse((error as AirlockError).code ?? 'INTERNAL', id, record?.action.origin);
        throw error;
      }
      const now = this.deps.now();
      record.status = 'approved';
      record.decidedAt = now;
      this.verified.set(id, { action: structuredClone(record.action), tabId: record.tabId, frameId: record.frameId, pageToken: record.pageToken });
      await this.queue.put(record, now);
      await this.deps.audit.append({ at: now, event: 'approved', approvalId: id, origin: record.action.origin, ...evidence(record) });
      const policy = await this.deps.policies.policyFor(record.action.origin);
      if (policy?.mode === 'grant-after-approval') await this.deps.policies.grant(record.action.origin, now + policy.minutes * 60_000);
      await this.decided(record);
      return { ...viewOf(record), assertion: null };
    });
  }

  /** The human said no. Denying needs no proof: it can only raise protection. */
  deny(id: string): Promise<ApprovalView> {
    return this.serial(async () => {
      const record = await this.queue.get(id);
      if (!record) throw new AirlockError('APPROVAL_NOT_FOUND', 'No such approval');
      if (record.status !== 'pending') throw new AirlockError('APPROVAL_NOT_PENDING', `This approval is already ${record.status}`);
      const now = this.deps.now();
      record.status = 'denied';
      record.decidedAt = now;
      await this.queue.put(record, now);
      await this.deps.audit.append({ at: now, event: 'denied', approvalId: id, origin: record.action.origin });
      await this.decided(record);
      return { ...viewOf(record), assertion: null };
    });
  }

  /**
   * Expires approvals past their time and voids those whose tab closed (called on start, on every
   * listing, on a timer and when a tab closes), so the human is never asked about an action that
   * can no longer happen.
   */
  sweep(): Promise<void> {
    return this.serial(() => this.sweepLocked());
  }

  private async sweepLocked(): Promise<void> {
    const now = this.deps.now();
    for (const record of await this.queue.all()) {
      if (record.status !== 'pending') continue;
      if (!(await this.deps.tabExists(record.tabId))) await this.settleLocked(record, 'void', 'APPROVAL_TAB_CLOSED');
      else if (record.action.expiresAt <= now) await this.settleLocked(record, 'expired');
    }
  }

  /**
   * A frame of a tab showed another document (`frameId` 0: the whole tab). Its pending approvals,
   * made by the document that left, can never be replayed (the action belonged to that document), so
   * they end now instead of asking the human about an action that can no longer happen.
   */
  frameNavigated(tabId: number, frameId: number, timeStamp: number): Promise<void> {
    return this.voidWhere((r) => r.tabId === tabId && r.createdAt <= timeStamp && (frameId === 0 || r.frameId === frameId), 'APPROVAL_PAGE_LEFT');
  }

  /** A tab closed (the browser may still list it while it reports the close): its approvals end. */
  tabClosed(tabId: number): Promise<void> {
    return this.voidWhere((r) => r.tabId === tabId, 'APPROVAL_TAB_CLOSED');
  }

  /** Voids the pending approvals `which` picks: their action can no longer happen. */
  private voidWhere(which: (record: ApprovalRecord) => boolean, code: 'APPROVAL_TAB_CLOSED' | 'APPROVAL_PAGE_LEFT'): Promise<void> {
    return this.serial(async () => {
      for (const record of await this.queue.all()) if (record.status === 'pending' && which(record)) await this.settleLocked(record, 'void', code);
    });
  }

  /**
   * Ends a pending approval without the human: expired, or void (its tab closed or its document left,
   * so nobody is left in its frame to tell). Audited under the status's name.
   */
  private async settleLocked(record: ApprovalRecord, status: 'expired' | 'void', code?: 'APPROVAL_TAB_CLOSED' | 'APPROVAL_PAGE_LEFT'): Promise<void> {
    const now = this.deps.now();
    record.status = status;
    record.decidedAt = now;
    await this.queue.put(record, now);
    await this.deps.audit.append({ at: now, event: status, approvalId: record.id, origin: record.action.origin, ...(code ? { code } : {}) });
    await this.decided(record);
  }

  /** The earliest expiry among pending approvals, for the background's timer. */
  async nextExpiry(): Promise<number | null> {
    const times = (await this.pending()).map((r) => r.action.expiresAt);
    return times.length ? Math.min(...times) : null;
  }

  async pending(): Promise<ApprovalRecord[]> {
    return (await this.queue.all()).filter((r) => r.status === 'pending').sort((a, b) => a.createdAt - b.createdAt);
  }

  private async decided(record: ApprovalRecord): Promise<void> {
    this.deps.onPendingChange(await this.pending(), null);
    if (record.status !== 'approved' && record.status !== 'denied' && record.status !== 'expired') return;
    const push: ApprovalPush = { airlock: 'approval', id: record.id, kind: record.action.kind, topic: record.action.topic, status: record.status };
    await this.deps.pushToFrame(record.tabId, record.frameId, push).catch(() => undefined);
  }

  private async refuse(code: string, approvalId: string, origin: string | undefined): Promise<void> {
    await this.deps.audit.append({ at: this.deps.now(), event: 'refused', approvalId, code, ...(origin ? { origin } : {}) });
  }
}

function changedParts(approved: ActionClaim, now: ActionClaim): string {
  const parts: string[] = [];
  if (approved.amount !== now.amount || approved.currency !== now.currency) parts.push(`amount ${approved.amount} ${approved.currency} -> ${now.amount} ${now.currency}`);
  if (approved.payee !== now.payee) parts.push('payee');
  if (approved.fieldsDigest !== now.fieldsDigest) parts.push('fields');
  if (approved.kind !== now.kind || approved.topic !== now.topic) parts.push('kind');
  return parts.join(', ') || 'details';
}
