import { AirlockError } from '../errors/airlock-error';
import { isErrorCode } from '../errors/codes';
import type { SenderContext } from '../messaging/sender';
import { confusableHostReasons, hostForDisplay, normalizeOrigin, parseOrigin } from '../vault/origin-match';
import type { Vault } from '../vault/vault';
import type { FillMessage, TakeoverStatusMessage } from '../content/takeover/fill-message';
import type { CredentialPolicy, CredentialRequestRecord, CredentialStore } from './credential-store';
import type { VaultServices } from './vault-service';
import { makePlaceholder, type FieldConstraints } from './placeholder';
import { scrub } from './swap-body';
import { SwapRegistry, type Swap } from './swap-registry';
import { buildOutgoing, type IncomingResponse, type SwapSubmission, type SwapTransport } from './swap-request';
import { randomBase64Url } from '../encoding/base64url';
import type {
  CredentialListing,
  CredentialPolicyView,
  CredentialRequestResult,
  CredentialRequestView,
  FillOutcome,
  HumanFillOffer,
  InPageFillSite,
  LoginStep,
  VaultStatus,
} from './views';

/** How long an agent's login waits for the human before the request lapses. */
export const REQUEST_TTL_MS = 5 * 60_000;
/** How long the human's choice for one sign-in carries over to its next step (password page, code page). */
export const CONTINUATION_TTL_MS = 3 * 60_000;
/** A sign-in form of the same step shown again this soon after Airlock sent the real value means the site refused it. */
export const FAILED_ATTEMPT_WINDOW_MS = 30_000;
const STEP_ORDER: Record<LoginStep, number> = { username: 0, password: 1, otp: 2 };
/** The field a placeholder must fit when the page said nothing of it. */
const ANY_FIELD: FieldConstraints = { maxLength: null, minLength: null, numeric: false, pattern: null };

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
  /**
   * Sends the sign-in request with the real value in the page's stead (lib/background/swap-transport.ts);
   * without it (the unprotected test build) the secret itself is filled into the page, as before.
   */
  transport?: SwapTransport;
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
  private readonly swaps: SwapRegistry;

  constructor(private readonly deps: TakeoverDeps) {
    this.swaps = new SwapRegistry(deps.now);
  }

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
  async request(sender: SenderContext, step: LoginStep, requestId: string, field?: FieldConstraints): Promise<CredentialRequestResult> {
    if (sender.tabId === null || sender.frameId === null) throw new AirlockError('TAB_UNKNOWN', 'Sender has no tab');
    if (!REQUEST_ID.test(requestId)) throw new AirlockError('MESSAGE_MALFORMED', 'requestId must be 22-64 base64url characters');
    const { tabId, frameId, origin } = sender;
    const who = await this.deps.agentOf(tabId, sender.windowId);
    if (!who.agentDriven) return { status: 'human' };
    const now = this.deps.now();
    const topOrigin = frameId === 0 ? origin : await this.deps.topOriginOf(tabId);
    const record: CredentialRequestRecord = {
      id: requestId,
      tabId,
      frameId,
      origin,
      topOrigin,
      step,
      agent: who.agent,
      ...(who.named ? { agentNamed: true } : {}),
      ...(field ? { field } : {}),
      createdAt: now,
      expiresAt: now + REQUEST_TTL_MS,
    };
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

    // The same step's form again, right after Airlock sent the real value here: the site refused it.
    // Nothing carries and nothing is sent again on its own (a wrong password sent over and over locks
    // accounts): the agent is told, and the human chooses again.
    const failed = step !== 'username' ? this.swaps.lastUsed(tabId, origin, FAILED_ATTEMPT_WINDOW_MS) : null;
    if (failed && failed.step === step) {
      record.failedEntryId = failed.entryId;
      await this.deps.store.updateContinuations((records) => records.filter((c) => !(c.tabId === tabId && c.origin === origin)));
      await this.deps.vault.record({ ...base, kind: 'refusal', entryId: failed.entryId, reason: 'CREDENTIAL_ATTEMPT_FAILED', details: { step } });
    }
    const carried = record.failedEntryId ? null : await this.carriedEntry(record);
    if (carried?.continuation && !embeddedElsewhere(record)) await this.useContinuation(record);
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
    if (record.failedEntryId) {
      this.deps.onPendingChange(added, record);
      return { status: 'waiting', requestId, reason: 'CREDENTIAL_ATTEMPT_FAILED' };
    }
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
  private carriesTo(c: { tabId: number; origin: string; expiresAt: number; step?: LoginStep }, record: CredentialRequestRecord, now: number): boolean {
    return c.tabId === record.tabId && c.origin === record.origin && c.expiresAt > now && (c.step === undefined || STEP_ORDER[record.step] > STEP_ORDER[c.step]);
  }

  /** A carried decision is used once: the next sign-in in this tab asks again. */
  private async useContinuation(record: CredentialRequestRecord): Promise<void> {
    const now = this.deps.now();
    await this.deps.store.updateContinuations((records) => records.filter((c) => !this.carriesTo(c, record, now)));
  }

  private async carriedEntry(record: CredentialRequestRecord): Promise<{ entryId: string; why: string; continuation?: boolean } | null> {
    const now = this.deps.now();
    // Same tab and origin (the agent's name may only arrive, by handshake, after the form was found),
    // and a later step than the one the human approved: the password page after the username page, the
    // code after the password. Used once: another sign-in in the same tab asks again.
    const continuation = (await this.deps.store.continuations()).find((c) => this.carriesTo(c, record, now));
    if (continuation) return { entryId: continuation.entryId, why: 'next step of an approved sign-in', continuation: true };
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
    const inPage = new Set((await this.deps.store.inPageSites()).map((s) => s.origin));
    for (const r of records) requests.push(await this.view(r, status.unlocked ? vault : null, inPage));
    return { vault: status, requests };
  }

  /** `inPage`: the origins where the human allowed the weaker in-page fill. */
  private async view(r: CredentialRequestRecord, vault: Vault | null, inPage: ReadonlySet<string>): Promise<CredentialRequestView> {
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
      agentNamed: r.agentNamed === true,
      ...(r.failedEntryId ? { failedEntryId: r.failedEntryId } : {}),
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      candidates,
      inPage: inPage.has(r.origin),
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

  /**
   * The human's decision in the toolbar popup: an entry for the request, or `null` to deny it. `inPage`: for this site the real value goes into the
   * page (the weaker fill, for sites whose script changes the value before sending it); kept for the
   * site until the human withdraws it in the settings, and audited at every fill.
   */
  async decide(requestId: string, entryId: string | null, remember: boolean, inPage = false): Promise<CredentialListing> {
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
    if (inPage) {
      await this.deps.store.updateInPageSites((sites) => [...sites.filter((s) => s.origin !== record!.origin), { origin: record!.origin, agent: record!.agent, createdAt: this.deps.now() }]);
      await this.deps.vault.record({ ...base, kind: 'in-page-fill-allowed', entryId, reason: 'the human allowed the weaker in-page fill for this site' });
    }
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
    let weaker = false;
    try {
      const base = { airlock: 'takeover-fill' as const, requestId: record.id, origin: record.origin, step: record.step };
      // The page gets a placeholder; the real value goes out only in the request Airlock sends for it
      // (submit, below). The vault still checks the frame now, so a refusal is said at once.
      // Where the human allowed the weaker fill for this site, the page gets the value itself.
      const inPage = (await this.deps.store.inPageSites()).some((s) => s.origin === record.origin);
      const swap = record.step !== 'username' && this.deps.transport && !inPage ? this.newSwap(record, entryId) : null;
      weaker = inPage && record.step !== 'username';
      if (record.step === 'otp') {
        const secret = await vault.reveal(entryId, { kind: 'otp', frameOrigin: record.origin });
        message = { ...base, otp: swap ? swap.placeholder : secret.kind === 'otp' ? secret.code : '' };
      } else {
        const secret = await vault.reveal(entryId, { kind: 'fill', frameOrigin: record.origin });
        if (secret.kind !== 'password') return refuse('INTERNAL');
        message = record.step === 'username' ? { ...base, username: secret.username } : { ...base, username: secret.username, password: swap ? swap.placeholder : secret.password };
      }
      if (swap) message.swapId = swap.id;
    } catch (error) {
      return refuse(error instanceof AirlockError ? error.code : 'INTERNAL');
    }
    const released = weaker ? 'released to the frame, in the page (the weaker fill the human allowed for this site)' : 'released to the frame';
    if (!(await this.deps.vault.record({ ...base, kind: 'fill', reason: released, details: { step: record.step, frameId: record.frameId, ...(weaker ? { inPage: true } : {}) } }))) {
      return refuse('INTERNAL');
    }
    // The decision carries to the next step of this sign-in. Set before the fill: a classic form's
    // submit navigates away, and the frame's reply is then lost with its document.
    const expiresAt = this.deps.now() + CONTINUATION_TTL_MS;
    const forget = () => this.deps.store.updateContinuations((records) => records.filter((c) => !(c.tabId === record.tabId && c.origin === record.origin)));
    await this.deps.store.updateContinuations((records) => [
      ...records.filter((c) => !(c.tabId === record.tabId && c.origin === record.origin)),
      { tabId: record.tabId, origin: record.origin, entryId, agent: record.agent, step: record.step, expiresAt },
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

  private newSwap(record: CredentialRequestRecord, entryId: string): Swap {
    const field = record.field ?? (record.step === 'otp' ? { ...ANY_FIELD, numeric: true, maxLength: 6 } : ANY_FIELD);
    return this.swaps.add({
      id: randomBase64Url(24),
      tabId: record.tabId,
      frameId: record.frameId,
      frameOrigin: record.origin,
      entryId,
      step: record.step as Swap['step'],
      placeholder: makePlaceholder(record.step === 'otp' ? { ...field, numeric: true } : field),
      agent: record.agent,
    });
  }

  /**
   * The page submits a filled form (or its script sends the sign-in): Airlock sends that request itself,
   * with the real value where the placeholder stands, and hands the site's answer back. Only for the
   * frame the swap was made for, once, and only to a destination the entry may be released to (its
   * exact origin unless the human widened it): anywhere else the page's own request goes out with the
   * placeholder, and nothing secret leaves. The response comes back with every echo of the secret
   * replaced by the placeholder.
   */
  async submit(sender: SenderContext, swapId: string, submission: SwapSubmission): Promise<IncomingResponse> {
    const swap = this.swaps.find(swapId, sender);
    const base = { tabId: sender.tabId ?? undefined, origin: sender.origin, ...(swap ? { agent: swap.agent, entryId: swap.entryId } : {}) };
    const refuse = async (code: string, message: string): Promise<never> => {
      await this.deps.vault.record({ ...base, kind: 'refusal', reason: code, details: { step: swap?.step ?? 'unknown', destination: hostOf(submission.url) } });
      throw new AirlockError(isErrorCode(code) ? code : 'INTERNAL', message);
    };
    if (!swap || !this.deps.transport) return refuse('CREDENTIAL_SWAP_UNKNOWN', 'No sign-in of this page waits to be sent');
    const destination = parseOrigin(safeUrl(submission.url)?.origin ?? '')?.origin ?? null;
    if (!destination) return refuse('CREDENTIAL_SWAP_REFUSED', 'The request goes nowhere Airlock can send to');
    const vault = await this.deps.vault.vault();
    let secret: string;
    try {
      // The vault decides whether the destination may receive the entry: the same rule as a frame.
      const revealed = await vault.reveal(swap.entryId, { kind: swap.step === 'otp' ? 'otp' : 'fill', frameOrigin: destination });
      secret = revealed.kind === 'otp' ? revealed.code : revealed.password;
    } catch (error) {
      return refuse(error instanceof AirlockError ? (error.code === 'ORIGIN_MISMATCH' ? 'CREDENTIAL_SWAP_OTHER_ORIGIN' : error.code) : 'INTERNAL', 'This destination may not receive the sign-in');
    }
    let outgoing;
    try {
      outgoing = buildOutgoing(submission, swap.placeholder, secret, { origin: swap.frameOrigin, url: sender.url ?? `${swap.frameOrigin}/` });
    } catch (error) {
      return refuse(error instanceof AirlockError ? error.code : 'INTERNAL', (error as Error).message);
    }
    this.swaps.markUsed(swap);
    if (!(await this.deps.vault.record({ ...base, kind: 'fill', reason: 'sent to the site by Airlock', details: { step: swap.step, destination: hostOf(submission.url) } }))) {
      return refuse('INTERNAL', 'Audit unavailable');
    }
    let response: IncomingResponse;
    try {
      response = await this.deps.transport.send(outgoing);
    } catch (error) {
      await this.deps.vault.record({ ...base, kind: 'refusal', reason: 'CREDENTIAL_SWAP_FAILED', details: { step: swap.step, error: (error as Error | null)?.name ?? 'unknown' } });
      throw new AirlockError('CREDENTIAL_SWAP_FAILED', 'The sign-in request could not be sent');
    }
    return { ...response, url: scrub(response.url, secret, swap.placeholder), body: scrub(response.body, secret, swap.placeholder), headers: response.headers.map(([name, value]) => [name, scrub(value, secret, swap.placeholder)]) };
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

  /** Sites where the human allowed the weaker in-page fill. */
  inPageSites(): Promise<InPageFillSite[]> {
    return this.deps.store.inPageSites();
  }

  /** The human withdraws the weaker fill for a site: its next sign-in goes through the swap again. */
  async revokeInPage(origin: string): Promise<InPageFillSite[]> {
    let revoked: InPageFillSite | undefined;
    const left = await this.deps.store.updateInPageSites((sites) => {
      revoked = sites.find((s) => s.origin === origin);
      return sites.filter((s) => s.origin !== origin);
    });
    if (!revoked) throw new AirlockError('CREDENTIAL_POLICY_NOT_FOUND', 'This site no longer gets the in-page fill');
    await this.deps.vault.record({ kind: 'in-page-fill-revoked', origin, agent: revoked.agent, reason: 'withdrawn by the human' });
    return left;
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

  /** A tab closed: its requests, carried decisions and placeholders go with it. */
  async forgetTab(tabId: number): Promise<void> {
    this.swaps.forgetTab(tabId);
    const pending = await this.deps.store.updateRequests((records) => records.filter((r) => r.tabId !== tabId));
    await this.deps.store.updateContinuations((records) => records.filter((c) => c.tabId !== tabId));
    this.deps.onPendingChange(pending, null);
  }
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const hostOf = (url: string) => safeUrl(url)?.host ?? 'invalid';
