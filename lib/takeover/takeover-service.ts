import { AirlockError } from '../errors/airlock-error';
import type { SenderContext } from '../messaging/sender';
import { confusableHostReasons, hostForDisplay, normalizeOrigin, parseOrigin } from '../vault/origin-match';
import type { Vault } from '../vault/vault';
import type { FillMessage, TakeoverStatusMessage } from '../content/takeover/fill-message';
import type { CredentialPolicy, CredentialRequestRecord, CredentialStore } from './credential-store';
import type { VaultServices } from './vault-service';
import type {
  CredentialListing,
  CredentialPolicyView,
  CredentialRequestResult,
  CredentialRequestView,
  FillOutcome,
  HumanFillOffer,
  LoginStep,
  VaultStatus,
} from './views';

/** How long an agent's login waits for the human before the request lapses. */
export const REQUEST_TTL_MS = 5 * 60_000;
/** How long the human's choice for one sign-in carries over to its next step (password page, code page). */
export const CONTINUATION_TTL_MS = 3 * 60_000;

const REQUEST_ID = /^[A-Za-z0-9_-]{22,64}$/;

export interface TabAgent {
  agentDriven: boolean;
  /** Who drives the tab: the handshake's name, or the signal that told (`webdriver`, `human`, ...). */
  agent: string;
  /** Whether `agent` is a handshake's name rather than a signal's. */
  named?: boolean;
}

export interface TakeoverDeps {
  store: CredentialStore;
  vault: VaultServices;
  now(): number;
  agentOf(tabId: number, windowId: number | null): Promise<TabAgent>;
  /** Origin of a tab's top document, as the browser reports it (tabs API); null if unknown. */
  topOriginOf(tabId: number): Promise<string | null>;
  /** Whether the tab is still open (a request can be stored just after its tab closed). */
  tabExists(tabId: number): Promise<boolean>;
  /** `tabs.sendMessage` to one frame; resolves with its reply, rejects if the frame is gone. */
  sendToFrame(tabId: number, frameId: number, message: FillMessage | TakeoverStatusMessage): Promise<unknown>;
  /** The toolbar tells the human: badge per tab, and a system notification for a new request. */
  onPendingChange(pending: CredentialRequestRecord[], added: CredentialRequestRecord | null): void;
}

/**
 * True when the asking frame sits inside a top-level page of another origin (or one the browser did
 * not report). Only the human may decide there: a remembered decision would otherwise sign the human
 * in inside a hostile page's frame (login CSRF, T2).
 */
export function embeddedElsewhere(record: Pick<CredentialRequestRecord, 'frameId' | 'origin' | 'topOrigin'>): boolean {
  return record.frameId !== 0 && record.topOrigin !== record.origin;
}

function outcomeOf(reply: unknown): FillOutcome {
  const r = reply as FillOutcome | undefined;
  if (typeof r !== 'object' || r === null || typeof r.filled !== 'boolean') return { filled: false, submitted: false, reason: 'CREDENTIAL_FRAME_GONE' };
  return { filled: r.filled, submitted: r.submitted === true, ...(typeof r.reason === 'string' ? { reason: r.reason.slice(0, 64) } : {}) };
}

/**
 * Credential takeover in the background: which login forms of agents' tabs wait for the human, what
 * the human (or a policy) decided, and the release of one secret to the one frame that asked. The
 * vault checks the frame's origin itself on every release; this service adds the rest of the rules
 * (an agent's tab, a decision, a live request) and writes the audit log.
 */
export class TakeoverService {
  constructor(private readonly deps: TakeoverDeps) {}

  async status(): Promise<VaultStatus> {
    const vault = await this.deps.vault.vault();
    const created = await vault.isCreated();
    return { created, unlocked: vault.isUnlocked, lost: created ? null : await this.deps.vault.loss(), lastExportAt: await this.deps.vault.lastExportAt() };
  }

  /**
   * The tab's agent state changed, often because its agent said hello after Airlock had found the
   * form (the request was made under the signal that told, say `webdriver`). Waiting requests of that
   * tab carry the current name from now on: in the popup, in the decision's audit entry and in a
   * remembered decision. Nothing is released by it.
   */
  async agentChanged(tabId: number): Promise<void> {
    if (!(await this.deps.store.requests()).some((r) => r.tabId === tabId && !r.agentNamed)) return;
    const who = await this.deps.agentOf(tabId, null);
    if (!who.agentDriven || !who.named) return;
    let renamed = false;
    // Only a signal's label gives way to a name, once: a later hello (the page's own, say) cannot
    // relabel a request the human may already be looking at.
    const pending = await this.deps.store.updateRequests((records) =>
      records.map((r) => {
        if (r.tabId !== tabId || r.agentNamed) return r;
        renamed = true;
        return { ...r, agent: who.agent, agentNamed: true };
      }),
    );
    if (renamed) this.deps.onPendingChange(pending, null);
  }

  /** A content script found a login form. Never releases anything without a decision made before it. */
  async request(sender: SenderContext, step: LoginStep, requestId: string): Promise<CredentialRequestResult> {
    if (sender.tabId === null || sender.frameId === null) throw new AirlockError('TAB_UNKNOWN', 'Sender has no tab');
    if (!REQUEST_ID.test(requestId)) throw new AirlockError('MESSAGE_MALFORMED', 'requestId must be 22-64 base64url characters');
    const { tabId, frameId, origin } = sender;
    const who = await this.deps.agentOf(tabId, sender.windowId);
    if (!who.agentDriven) return { status: 'human' };
    const now = this.deps.now();
    const topOrigin = frameId === 0 ? origin : await this.deps.topOriginOf(tabId);
    const record: CredentialRequestRecord = { id: requestId, tabId, frameId, origin, topOrigin, step, agent: who.agent, ...(who.named ? { agentNamed: true } : {}), createdAt: now, expiresAt: now + REQUEST_TTL_MS };
    const base = { tabId, origin, agent: who.agent };
    await this.deps.vault.record({ ...base, kind: 'detection', reason: `login form (${step})`, details: { frameId, step } });

    // A new document in the same frame replaces what an earlier one asked for.
    let replaced = false;
    const pending = await this.deps.store.updateRequests((records) =>
      records.filter((r) => {
        const stale = r.tabId === tabId && r.frameId === frameId;
        replaced ||= stale;
        return !stale && r.id !== requestId;
      }),
    );
    if (replaced) this.deps.onPendingChange(pending, null);

    if (normalizeOrigin(origin) === null) {
      await this.deps.vault.record({ ...base, kind: 'refusal', reason: 'ORIGIN_INSECURE', details: { step } });
      return { status: 'refused', requestId, reason: 'ORIGIN_INSECURE' };
    }

    const carried = await this.carriedEntry(record);
    if (carried && embeddedElsewhere(record)) {
      // Login CSRF: a site that frames the real sign-in page would get the human's account signed in
      // inside its own frame. A remembered or carried decision was made for the site itself, not for it.
      await this.deps.vault.record({
        ...base,
        kind: 'refusal',
        entryId: carried.entryId,
        reason: 'CREDENTIAL_FRAMED_ELSEWHERE',
        details: { step, frameId, topOrigin: record.topOrigin ?? 'unknown', skipped: carried.why },
      });
    } else if (carried) {
      await this.deps.vault.record({ ...base, kind: 'approval', entryId: carried.entryId, reason: carried.why, details: { step } });
      setTimeout(() => void this.release(record, carried.entryId), 0);
      return { status: 'allowed', requestId };
    }

    const added = await this.deps.store.updateRequests((records) => [...records.filter((r) => r.id !== requestId), record]);
    await this.deps.vault.record({ ...base, kind: 'request', reason: 'waiting for the human', details: { step, frameId } });
    // The tab may have closed while this request was being made, after its close forgot the tab:
    // nobody is then told of it (no badge, no notification).
    if (!(await this.deps.tabExists(tabId))) {
      await this.forgetTab(tabId);
      return { status: 'waiting', requestId };
    }
    this.deps.onPendingChange(added, record);
    // A hello that came while this request was being made found nothing to rename: look once more.
    if (!record.agentNamed) await this.agentChanged(tabId);
    return { status: 'waiting', requestId };
  }

  /** An earlier decision that covers this request: the same sign-in's previous step, or a policy. */
  private async carriedEntry(record: CredentialRequestRecord): Promise<{ entryId: string; why: string } | null> {
    const now = this.deps.now();
    const continuation = (await this.deps.store.continuations()).find(
      // Same tab and origin: the agent's name may only arrive (handshake) after the form was found.
      (c) => c.tabId === record.tabId && c.origin === record.origin && c.expiresAt > now,
    );
    if (continuation) return { entryId: continuation.entryId, why: 'next step of an approved sign-in' };
    const policies = (await this.deps.store.policies()).filter((p) => p.origin === record.origin && p.agent === record.agent);
    if (policies.length !== 1) return null;
    const vault = await this.deps.vault.vault();
    if (!vault.isUnlocked) return null;
    const listing = await vault.findByOrigin(record.origin);
    return listing.entries.some((e) => e.id === policies[0]!.entryId) ? { entryId: policies[0]!.entryId, why: 'policy' } : null;
  }

  async pending(): Promise<CredentialListing> {
    const records = await this.sweep();
    const vault = await this.deps.vault.vault();
    const status: VaultStatus = { created: await vault.isCreated(), unlocked: vault.isUnlocked };
    const requests: CredentialRequestView[] = [];
    for (const r of records) requests.push(await this.view(r, status.unlocked ? vault : null));
    return { vault: status, requests };
  }

  private async view(r: CredentialRequestRecord, vault: Vault | null): Promise<CredentialRequestView> {
    const host = parseOrigin(r.origin)?.host ?? r.origin;
    let candidates: CredentialRequestView['candidates'] = [];
    if (vault) {
      const listing = await vault.findByOrigin(r.origin).catch(() => ({ entries: [] }));
      candidates = listing.entries
        .filter((e) => r.step !== 'otp' || e.hasTotp)
        .map((e) => ({ id: e.id, title: e.title, username: e.username, hasTotp: e.hasTotp }));
    }
    return {
      id: r.id,
      tabId: r.tabId,
      step: r.step,
      origin: r.origin,
      displayHost: hostForDisplay(host),
      warnings: confusableHostReasons(host),
      subframe: r.frameId !== 0,
      topOrigin: r.topOrigin,
      embeddedElsewhere: embeddedElsewhere(r),
      agent: r.agent,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      candidates,
    };
  }

  /** Expired requests leave the queue (and their frames are told); returns those still pending. */
  async sweep(): Promise<CredentialRequestRecord[]> {
    const now = this.deps.now();
    const expired: CredentialRequestRecord[] = [];
    // Requests of closed tabs go without a word: nobody is left to tell.
    const gone = new Set<number>();
    for (const tabId of new Set((await this.deps.store.requests()).map((r) => r.tabId))) {
      if (!(await this.deps.tabExists(tabId))) gone.add(tabId);
    }
    const pending = await this.deps.store.updateRequests((records) =>
      records.filter((r) => {
        if (gone.has(r.tabId)) return false;
        if (r.expiresAt > now) return true;
        expired.push(r);
        return false;
      }),
    );
    for (const r of expired) {
      await this.deps.vault.record({ kind: 'refusal', tabId: r.tabId, origin: r.origin, agent: r.agent, reason: 'CREDENTIAL_REQUEST_EXPIRED' });
      await this.deps.sendToFrame(r.tabId, r.frameId, { airlock: 'takeover-status', requestId: r.id, status: 'expired' }).catch(() => undefined);
    }
    if (expired.length || gone.size) this.deps.onPendingChange(pending, null);
    await this.deps.store.updateContinuations((records) => records.filter((c) => c.expiresAt > now && !gone.has(c.tabId)));
    return pending;
  }

  async nextExpiry(): Promise<number | null> {
    const records = await this.deps.store.requests();
    return records.length ? Math.min(...records.map((r) => r.expiresAt)) : null;
  }

  /** The human's decision in the toolbar popup: an entry for the request, or `null` to deny it. */
  async decide(requestId: string, entryId: string | null, remember: boolean): Promise<CredentialListing> {
    await this.sweep();
    let record: CredentialRequestRecord | undefined;
    const pending = await this.deps.store.updateRequests((records) => {
      record = records.find((r) => r.id === requestId);
      return records.filter((r) => r.id !== requestId);
    });
    if (!record) throw new AirlockError('CREDENTIAL_REQUEST_NOT_FOUND', 'This request is no longer waiting');
    this.deps.onPendingChange(pending, null);
    const base = { tabId: record.tabId, origin: record.origin, agent: record.agent };
    if (entryId === null) {
      await this.deps.vault.record({ ...base, kind: 'denial', reason: 'denied by the human', details: { step: record.step } });
      await this.deps.sendToFrame(record.tabId, record.frameId, { airlock: 'takeover-status', requestId, status: 'denied' }).catch(() => undefined);
      return this.pending();
    }
    const vault = await this.deps.vault.vault();
    const allowed = (await vault.findByOrigin(record.origin)).entries.some((e) => e.id === entryId);
    if (!allowed) {
      // Put the request back: the human may still pick a fitting entry.
      await this.deps.store.updateRequests((records) => [...records, record!]);
      throw new AirlockError('CREDENTIAL_ENTRY_NOT_ALLOWED', 'This entry is not for this origin');
    }
    await this.deps.vault.record({ ...base, kind: 'approval', entryId, reason: remember ? 'approved by the human; remembered' : 'approved by the human', details: { step: record.step } });
    if (remember) {
      await this.deps.store.updatePolicies((policies) => [
        ...policies.filter((p) => !(p.origin === record!.origin && p.agent === record!.agent)),
        { id: crypto.randomUUID(), origin: record!.origin, entryId, agent: record!.agent, createdAt: this.deps.now() },
      ]);
    }
    await this.release(record, entryId);
    return this.pending();
  }

  /**
   * Reveals one secret for the request's frame and sends it there, and only there. The vault refuses
   * a frame origin that does not match the entry; the frame refuses a request it did not make, an
   * origin that is not its own, and fields that are gone, hidden or changed.
   */
  private async release(record: CredentialRequestRecord, entryId: string): Promise<FillOutcome> {
    const base = { tabId: record.tabId, origin: record.origin, agent: record.agent, entryId };
    const refuse = async (reason: string): Promise<FillOutcome> => {
      await this.deps.vault.record({ ...base, kind: 'refusal', reason, details: { step: record.step } });
      await this.deps.sendToFrame(record.tabId, record.frameId, { airlock: 'takeover-status', requestId: record.id, status: 'refused', reason }).catch(() => undefined);
      return { filled: false, submitted: false, reason };
    };
    const vault = await this.deps.vault.vault();
    let message: FillMessage;
    try {
      const base = { airlock: 'takeover-fill' as const, requestId: record.id, origin: record.origin, step: record.step };
      if (record.step === 'otp') {
        const secret = await vault.reveal(entryId, { kind: 'otp', frameOrigin: record.origin });
        message = { ...base, otp: secret.kind === 'otp' ? secret.code : '' };
      } else {
        const secret = await vault.reveal(entryId, { kind: 'fill', frameOrigin: record.origin });
        if (secret.kind !== 'password') return refuse('INTERNAL');
        message = record.step === 'username' ? { ...base, username: secret.username } : { ...base, username: secret.username, password: secret.password };
      }
    } catch (error) {
      return refuse(error instanceof AirlockError ? error.code : 'INTERNAL');
    }
    if (!(await this.deps.vault.record({ ...base, kind: 'fill', reason: 'released to the frame', details: { step: record.step, frameId: record.frameId } }))) {
      return refuse('INTERNAL');
    }
    // The decision carries to the next step of this sign-in. Set before the fill: a classic form's
    // submit navigates away, and the frame's reply is then lost with its document.
    const expiresAt = this.deps.now() + CONTINUATION_TTL_MS;
    const forget = () => this.deps.store.updateContinuations((records) => records.filter((c) => !(c.tabId === record.tabId && c.origin === record.origin)));
    await this.deps.store.updateContinuations((records) => [
      ...records.filter((c) => !(c.tabId === record.tabId && c.origin === record.origin)),
      { tabId: record.tabId, origin: record.origin, entryId, agent: record.agent, expiresAt },
    ]);
    const reply = await this.deps.sendToFrame(record.tabId, record.frameId, message).catch(() => undefined);
    if (reply === undefined) {
      // Either the submit navigated away (the usual case) or the document is gone: the audit says which is unknown.
      await this.deps.vault.record({ ...base, kind: 'fill', reason: 'sent; no reply (the frame navigated or closed)', details: { step: record.step } });
      return { filled: false, submitted: false, reason: 'CREDENTIAL_FRAME_GONE' };
    }
    const outcome = outcomeOf(reply);
    if (!outcome.filled) {
      await forget();
      await this.deps.vault.record({ ...base, kind: 'refusal', reason: outcome.reason ?? 'CREDENTIAL_FRAME_GONE', details: { step: record.step } });
      return outcome;
    }
    await this.deps.vault.record({ ...base, kind: 'fill', reason: outcome.submitted ? 'filled and submitted' : 'filled', details: { step: record.step } });
    return outcome;
  }

  /** What the popup offers the human for their own tab: the entries for its top document's origin. */
  async humanOffer(tabId: number): Promise<HumanFillOffer> {
    const origin = await this.deps.topOriginOf(tabId);
    const status = await this.status();
    if (!origin || !status.unlocked || normalizeOrigin(origin) === null) return { origin, vault: status, entries: [] };
    const listing = await (await this.deps.vault.vault()).findByOrigin(origin);
    return { origin, vault: status, entries: listing.entries.map((e) => ({ id: e.id, title: e.title, username: e.username, hasTotp: e.hasTotp })) };
  }

  /**
   * The human asked, in the toolbar popup, to fill their tab's top frame: the password form, or (`otp`)
   * the one-time-code field with a code computed now from the entry's TOTP secret. In a tab an agent
   * drives, the fill is also submitted and cleared, so the secret does not stay where the agent looks.
   */
  async humanFill(tabId: number, entryId: string, step: 'password' | 'otp' = 'password'): Promise<FillOutcome> {
    const origin = await this.deps.topOriginOf(tabId);
    if (!origin) throw new AirlockError('TAB_UNKNOWN', 'No page in this tab');
    const who = await this.deps.agentOf(tabId, null);
    const base = { tabId, origin, agent: who.agentDriven ? who.agent : 'human', entryId };
    await this.deps.vault.record({ ...base, kind: 'approval', reason: 'fill asked by the human', details: { step } });
    const vault = await this.deps.vault.vault();
    let secret;
    try {
      secret = await vault.reveal(entryId, { kind: step === 'otp' ? 'otp' : 'fill', frameOrigin: origin });
    } catch (error) {
      const reason = error instanceof AirlockError ? error.code : 'INTERNAL';
      await this.deps.vault.record({ ...base, kind: 'refusal', reason, details: { step } });
      throw error;
    }
    if (!(await this.deps.vault.record({ ...base, kind: 'fill', reason: 'released to the top frame', details: { step } }))) throw new AirlockError('INTERNAL', 'Audit unavailable');
    const fill = { airlock: 'takeover-fill' as const, requestId: null, origin, submit: who.agentDriven };
    const message: FillMessage =
      secret.kind === 'otp' ? { ...fill, step: 'otp', otp: secret.code } : { ...fill, step: 'password', username: secret.username, password: secret.password };
    const outcome = outcomeOf(await this.deps.sendToFrame(tabId, 0, message).catch(() => undefined));
    if (!outcome.filled) await this.deps.vault.record({ ...base, kind: 'refusal', reason: outcome.reason ?? 'CREDENTIAL_FRAME_GONE', details: { step } });
    return outcome;
  }

  /** "Use without asking" decisions, with their entry's title and username while the vault is unlocked. */
  async policies(): Promise<CredentialPolicyView[]> {
    const vault = await this.deps.vault.vault();
    const views: CredentialPolicyView[] = [];
    for (const p of await this.deps.store.policies()) {
      const entry = vault.isUnlocked ? await vault.get(p.entryId).catch(() => null) : null;
      views.push({ ...p, entryLabel: entry ? `${entry.title || hostForDisplay(parseOrigin(p.origin)?.host ?? p.origin)} (${entry.username})` : null });
    }
    return views;
  }

  /** The human withdraws a "use without asking": the next sign-in there asks again. */
  async revokePolicy(id: string): Promise<CredentialPolicyView[]> {
    let revoked: CredentialPolicy | undefined;
    await this.deps.store.updatePolicies((policies) => {
      revoked = policies.find((p) => p.id === id);
      return policies.filter((p) => p.id !== id);
    });
    if (!revoked) throw new AirlockError('CREDENTIAL_POLICY_NOT_FOUND', 'This decision is no longer remembered');
    await this.deps.vault.record({ kind: 'credential-policy-revoked', origin: revoked.origin, agent: revoked.agent, entryId: revoked.entryId, reason: 'revoked by the human' });
    return this.policies();
  }

  /**
   * A frame committed a new document (`timeStamp`: when): requests its earlier document made are
   * stale, since the form they were for is gone; a new top document ends every frame's. Carried
   * decisions stay: a multi-step sign-in's next step is a new document by design.
   */
  async frameNavigated(tabId: number, frameId: number, timeStamp: number): Promise<void> {
    const stale: CredentialRequestRecord[] = [];
    const pending = await this.deps.store.updateRequests((records) =>
      records.filter((r) => {
        const gone = r.tabId === tabId && (frameId === 0 || r.frameId === frameId) && r.createdAt <= timeStamp;
        if (gone) stale.push(r);
        return !gone;
      }),
    );
    if (stale.length === 0) return;
    for (const r of stale) {
      await this.deps.vault.record({ kind: 'refusal', tabId: r.tabId, origin: r.origin, agent: r.agent, reason: 'CREDENTIAL_REQUEST_STALE' });
    }
    this.deps.onPendingChange(pending, null);
  }

  /** A tab closed: its requests and carried decisions go with it. */
  async forgetTab(tabId: number): Promise<void> {
    const pending = await this.deps.store.updateRequests((records) => records.filter((r) => r.tabId !== tabId));
    await this.deps.store.updateContinuations((records) => records.filter((c) => c.tabId !== tabId));
    this.deps.onPendingChange(pending, null);
  }
}
