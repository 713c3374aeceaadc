import type { AgentRegistry } from '../agent/registry';
import { AirlockError } from '../errors/airlock-error';
import type { ErrorCode } from '../errors/codes';
import type { OAuthFlowSummary } from '../protocol/messages';
import type { AuditSink } from './audit-sink';
import { checkCompletion, isRedirectTo, responseParams } from './completion';
import { FLOW_TTL_MS, isHandOff, isOpen, type BrokerFlow, type FlowStatus, type FlowVariant } from './flow';
import type { FlowStore } from './flow-store';
import { buildRules, redirectTarget, type Pass } from './net-rules';
import { randomToken } from './pkce';
import { recognizeAuthorizationRequest, type AuthorizationRequest } from './recognize';
import { summarizeFlow, viewFlow } from './summary';
import type { OAuthFlowView } from './views';
import type { Browser } from 'wxt/browser';
import { PROTECTIONS } from '../security/protections';

/** The browser operations the broker needs; `browser-platform.ts` implements them with WebExtension APIs. */
export interface BrokerPlatform {
  /** Navigates a tab (a browser-initiated load: the page cannot interfere, and `window.opener` is kept). */
  navigate(tabId: number, url: string): Promise<void>;
  /** Opens a new Airlock-owned window on `about:blank`. */
  openWindow(): Promise<{ tabId: number; windowId: number }>;
  /** Brings a window to the front (the human window once the human continued). */
  focusWindow(windowId: number): Promise<void>;
  /** Moves an existing tab (a pop-up the agent's page opened) into a new Airlock-owned window. */
  adoptTab(tabId: number): Promise<{ windowId: number }>;
  /**
   * Resolves once the page that opened a pop-up runs again (its content script answers), or after a
   * short bound. A new pop-up starts in its opener's renderer; a debugger that holds it at its start
   * holds the opener too, until it lets the pop-up run.
   */
  openerRunning(openerTabId: number): Promise<void>;
  closeWindow(windowId: number): Promise<void>;
  /** Every open tab with its window. */
  tabs(): Promise<Array<{ tabId: number; windowId: number }>>;
  /** The URL a tab shows (or is loading), if it still exists. */
  tabUrl(tabId: number): Promise<string | undefined>;
  applyRules(rules: Browser.declarativeNetRequest.Rule[]): Promise<void>;
  /** Tells the agent's page (top frame) about its flow. */
  push(tabId: number, summary: OAuthFlowSummary): Promise<void>;
  /** The page the human window shows until the human decides in Airlock's toolbar (sandboxed: no privilege). */
  humanPageUrl(flow: OAuthFlowView): string;
  /** Tells the human a sign-in waits in Airlock's toolbar (badge, notification), or that it no longer does. */
  announce(pending: OAuthFlowView[]): void;
}

export interface BrokerDeps {
  flows: FlowStore;
  registry: AgentRegistry;
  audit: AuditSink;
  platform: BrokerPlatform;
  now: () => number;
  ttlMs?: number;
}

const PASS_MS = 30_000;

/**
 * The OAuth broker for sign-ins started in agent tabs (docs/agent-protocol.md, "Sign-ins and access tokens"). An authorization
 * request from an agent tab never loads there: it is reopened in a window Airlock owns, after the
 * human has seen who asks and for what. The provider's answer to the redirect URI is held until it is
 * judged (state, tab, expiry) and then delivered: to the pop-up that the page opened (so the page's
 * own `window.opener` completion runs), or to the agent's tab for a full-page redirect.
 */
export class OAuthBroker {
  /** Pop-ups opened by agent tabs: child tab → opener tab. In memory: a pop-up outlives no restart of interest. */
  private readonly children = new Map<number, number>();
  /** Tabs being handed off right now: events for one pop-up arrive in bursts. */
  private readonly handingOff = new Set<number>();
  private readonly lastCommitted = new Map<number, string>();
  /**
   * Agent tabs whose blocked authorization request left an error page: where to send them back to
   * once that page has committed (navigating earlier races the error page).
   */
  private readonly returns = new Map<number, { back: string; blocked: string; confirmed: boolean; errorCommitted: boolean }>();
  private passes: Pass[] = [];
  /**
   * Flows this worker saw the human continue (with the proof checked). A flow's stored status is only
   * a record: any Airlock page can write storage, so a response is delivered only for a flow in this
   * set. A worker restart empties it: a sign-in under way then ends, and the agent asks again.
   */
  private readonly continued = new Set<string>();
  /** Token-broker flows in a human window: the token broker waits on these for the response URL. */
  private readonly waiters = new Map<string, { resolve(url: string): void; reject(error: AirlockError): void }>();
  private rulesQueue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: BrokerDeps) {}

  // ---- events from the browser -------------------------------------------------------------

  /** `webNavigation.onCreatedNavigationTarget`: a page opened a window or tab. */
  async popupCreated(sourceTabId: number, tabId: number, url: string): Promise<void> {
    if (!(await this.isAgentTab(sourceTabId))) return;
    this.children.set(tabId, sourceTabId);
    await this.syncRules();
    const request = recognizeAuthorizationRequest(url);
    if (request) await this.handOff('popup', sourceTabId, request, tabId);
  }

  /** `webNavigation.onBeforeNavigate` (top frame): a pop-up that started blank may load the request later. */
  async beforeNavigate(tabId: number, url: string): Promise<void> {
    for (const pass of this.passes) if (pass.tabId === tabId && url.startsWith(pass.target)) pass.started = true;
    const opener = this.children.get(tabId);
    if (opener === undefined) return;
    const request = recognizeAuthorizationRequest(url);
    if (request) await this.handOff('popup', opener, request, tabId);
  }

  /** `webNavigation.onCommitted` (top frame). */
  committed(tabId: number, url: string): void {
    const pendingReturn = this.returns.get(tabId);
    if (pendingReturn && url === pendingReturn.blocked) {
      pendingReturn.errorCommitted = true;
      if (pendingReturn.confirmed) this.returnTab(tabId);
    } else if (pendingReturn) {
      this.returns.delete(tabId);
    }
    void this.endIfHumanTabLeft(tabId, url);
    // An authorization request only commits here as the error page of a blocked load.
    const authorization = recognizeAuthorizationRequest(url) !== null;
    if (/^https?:/.test(url) && !authorization) this.lastCommitted.set(tabId, url);
    if (authorization) void this.reshowConsent(tabId).catch(() => undefined);
    const before = this.passes.length;
    this.passes = this.passes.filter((pass) => pass.tabId !== tabId || !pass.started || !url.startsWith(pass.target));
    if (this.passes.length !== before) void this.syncRules();
  }

  /**
   * `webNavigation.onErrorOccurred` (top frame): a load the broker's rules blocked. Either an agent
   * tab's authorization request, or a response arriving at a guarded redirect URI.
   */
  async navigationFailed(tabId: number, url: string): Promise<void> {
    const back = this.lastCommitted.get(tabId);
    if (back && !this.children.has(tabId) && recognizeAuthorizationRequest(url)) {
      this.returns.set(tabId, { back, blocked: url, confirmed: false, errorCommitted: false });
    }
    const flows = await this.deps.flows.all();
    if (flows.some((flow) => isRedirectTo(flow, url))) return this.judgeResponse(tabId, url, flows);
    const request = recognizeAuthorizationRequest(url);
    if (!request) return;
    const opener = this.children.get(tabId);
    if (opener !== undefined) return this.handOff('popup', opener, request, tabId);
    if (await this.isAgentTab(tabId)) return this.handOff('redirect', tabId, request);
  }

  async tabRemoved(tabId: number): Promise<void> {
    this.children.delete(tabId);
    this.lastCommitted.delete(tabId);
    for (const flow of await this.deps.flows.all()) {
      if (!isOpen(flow)) continue;
      if (flow.humanTabId === tabId) {
        // Closing Airlock's window is the human's "no".
        const ended = await this.end(flow, 'denied', 'OAUTH_DENIED', 'denial');
        if (ended && ended.variant === 'redirect') await this.deliverError(ended);
      } else if (flow.originTabId === tabId) {
        const ended = await this.end(flow, 'refused', 'TAB_UNKNOWN', 'refusal');
        if (ended) await this.deps.platform.closeWindow(ended.humanWindowId).catch(() => undefined);
      }
    }
  }

  // ---- requests from Airlock's pages and the agent protocol --------------------------------

  /**
   * A flow, for Airlock's views (the toolbar popup, the side panel). The human decides there, never in
   * the window that holds the sign-in: that window is a tab, and an agent can script a tab.
   */
  async flow(flowId: string): Promise<BrokerFlow> {
    const flow = await this.deps.flows.get(flowId);
    if (!flow) throw new AirlockError('OAUTH_FLOW_NOT_FOUND', 'No such sign-in');
    return flow;
  }

  async view(flowId: string): Promise<OAuthFlowView> {
    await this.expireOverdue();
    return viewFlow(await this.flow(flowId));
  }

  /** Sign-ins waiting for the human's Continue or Deny. */
  async pending(): Promise<OAuthFlowView[]> {
    await this.expireOverdue();
    return (await this.deps.flows.all()).filter((flow) => flow.status === 'pending' && isHandOff(flow)).map(viewFlow);
  }

  async decide(flowId: string, decision: 'continue' | 'deny'): Promise<OAuthFlowView> {
    await this.expireOverdue();
    const flow = await this.flow(flowId);
    if (decision === 'deny') {
      const ended = await this.end(flow, 'denied', 'OAUTH_DENIED', 'denial');
      if (!ended) throw new AirlockError('OAUTH_FLOW_ENDED', 'This sign-in has already ended');
      await this.deliverError(ended);
      return viewFlow(ended);
    }
    if (flow.status === 'expired') throw new AirlockError('OAUTH_EXPIRED', 'This sign-in request has expired');
    const next = await this.deps.flows.transition(flow.id, ['pending'], { status: 'in-progress' });
    if (!next) throw new AirlockError('OAUTH_FLOW_ENDED', 'This sign-in has already ended');
    this.continued.add(next.id);
    await this.audit('approval', next, 'OAUTH_CONTINUED');
    await this.deps.platform.focusWindow(next.humanWindowId).catch(() => undefined);
    await this.deps.platform.navigate(next.humanTabId, next.request.url);
    return viewFlow(next);
  }

  /**
   * The token broker's own authorization request (code + PKCE), run in a window of Airlock's where
   * the browser offers no `identity.launchWebAuthFlow`. The same machinery as a hand-off: the window
   * is human-driven, the redirect URI is blocked in every tab while the flow is kept, and the
   * response is judged (state, tab, deadline) when its blocked load fails; it is read, never loaded.
   * Resolves with the response URL; rejects with the flow's stable code when it ends otherwise.
   */
  async authorizeInWindow(url: string, originTabId: number, agent: string): Promise<string> {
    const request = recognizeAuthorizationRequest(url);
    if (!request?.state || !request.redirectUri) throw new AirlockError('OAUTH_REQUEST_UNBOUND', 'The authorization request names no state or redirect URI');
    const human = await this.deps.platform.openWindow();
    const now = this.deps.now();
    const flow: BrokerFlow = {
      id: randomToken().slice(0, 22),
      variant: 'token',
      // The human approved in the toolbar already: the window goes straight to the provider.
      status: 'in-progress',
      originTabId,
      humanTabId: human.tabId,
      humanWindowId: human.windowId,
      request,
      agent,
      createdAt: now,
      expiresAt: now + (this.deps.ttlMs ?? FLOW_TTL_MS),
    };
    const response = new Promise<string>((resolve, reject) => this.waiters.set(flow.id, { resolve, reject }));
    this.continued.add(flow.id);
    await this.deps.flows.put(flow);
    try {
      await this.deps.registry.setHumanToggle(human.tabId, human.windowId, 'tab', false);
      await this.syncRules();
      await this.audit('request', flow, 'OAUTH_HANDED_OFF');
      await this.deps.platform.navigate(human.tabId, url);
    } catch {
      // Fail closed: a flow nobody can see is refused, not left waiting.
      await this.end(flow, 'refused', 'INTERNAL', 'refusal');
      await this.deps.platform.closeWindow(human.windowId).catch(() => undefined);
    }
    setTimeout(() => void this.expireOverdue(), flow.expiresAt - now + 1000);
    return response;
  }

  /** Ends the token broker's wait on a flow that ended without a response it could use. */
  private rejectWaiter(flow: BrokerFlow): void {
    const waiter = this.waiters.get(flow.id);
    if (!waiter) return;
    this.waiters.delete(flow.id);
    const reason = (flow.reason ?? 'OAUTH_FLOW_ENDED') as ErrorCode;
    // Closing the window is the human's "no", as with launchWebAuthFlow.
    waiter.reject(new AirlockError(reason === 'OAUTH_DENIED' ? 'TOKEN_REQUEST_DENIED' : reason, 'The sign-in window ended without a response'));
  }

  async flowsOfTab(tabId: number): Promise<OAuthFlowSummary[]> {
    await this.expireOverdue();
    return (await this.deps.flows.all()).filter((flow) => flow.originTabId === tabId).filter(isHandOff).map(summarizeFlow);
  }

  /** Ends open flows past their deadline (also run on a timer and on every event). */
  async expireOverdue(): Promise<void> {
    for (const flow of await this.deps.flows.sweep()) {
      this.rejectWaiter(flow);
      await this.releaseHumanTab(flow);
      await this.audit('refusal', flow, 'OAUTH_EXPIRED');
      await this.notify(flow);
      await this.deliverError(flow);
    }
  }

  /** Rebuilds the broker's network rules from the current agent tabs, flows and passes. */
  syncRules(): Promise<void> {
    const run = this.rulesQueue.then(async () => {
      const flows = await this.deps.flows.all();
      const humanTabs = new Set(flows.map((flow) => flow.humanTabId));
      const agentTabs: number[] = [];
      for (const { tabId, windowId } of await this.deps.platform.tabs()) {
        if (humanTabs.has(tabId)) continue;
        const child = this.children.has(tabId);
        if (child || (await this.deps.registry.verdict(tabId, windowId)).agentDriven) agentTabs.push(tabId);
      }
      const now = this.deps.now();
      this.passes = this.passes.filter((pass) => pass.until > now);
      await this.deps.platform.applyRules(buildRules({ agentTabs, flows, passes: this.passes }));
    });
    this.rulesQueue = run.catch((error: unknown) => console.error('Airlock broker rules failed:', (error as Error | null)?.name ?? 'unknown'));
    return run;
  }

  // ---- internals ---------------------------------------------------------------------------

  private async isAgentTab(tabId: number): Promise<boolean> {
    const tab = (await this.deps.platform.tabs()).find((t) => t.tabId === tabId);
    if (!tab) return false;
    const flows = await this.deps.flows.all();
    if (flows.some((flow) => flow.humanTabId === tabId && isOpen(flow))) return false;
    return (await this.deps.registry.verdict(tabId, tab.windowId)).agentDriven;
  }

  private async agentName(tabId: number): Promise<string> {
    const tab = (await this.deps.platform.tabs()).find((t) => t.tabId === tabId);
    if (!tab) return '';
    const verdict = await this.deps.registry.verdict(tabId, tab.windowId);
    return verdict.signals.find((signal) => signal.source === 'handshake')?.detail ?? '';
  }

  private async handOff(variant: FlowVariant, originTabId: number, request: AuthorizationRequest, popupTabId?: number): Promise<void> {
    const key = popupTabId ?? originTabId;
    if (this.handingOff.has(key)) return;
    this.handingOff.add(key);
    try {
      const existing = (await this.deps.flows.all()).find((flow) => isOpen(flow) && flow.humanTabId === popupTabId);
      if (popupTabId !== undefined && existing) return;
      // A pop-up moved to another process while an agent's debugger still holds it at its start (and,
      // with it, the opener's renderer) leaves the opener held for good: the agent's click that opened
      // it is never acknowledged and its driver waits forever. So the opener must run again before
      // Airlock touches the pop-up. Until its flow is stored, the pop-up is still the agent page's
      // child, whose authorization requests the rules block: the provider's page cannot load meanwhile.
      if (popupTabId !== undefined) await this.deps.platform.openerRunning(originTabId);
      const now = this.deps.now();
      const flow: BrokerFlow = {
        id: randomToken().slice(0, 22),
        variant,
        status: 'pending',
        originTabId,
        humanTabId: -1,
        humanWindowId: -1,
        request,
        agent: await this.agentName(originTabId),
        createdAt: now,
        expiresAt: now + (this.deps.ttlMs ?? FLOW_TTL_MS),
      };
      // Without state and redirect URI a response cannot be bound to this request (RFC 9700 §4.7.1).
      if (!request.state || !request.redirectUri) {
        const refused = { ...flow, status: 'refused' as const, reason: 'OAUTH_REQUEST_UNBOUND', humanTabId: popupTabId ?? -1 };
        await this.deps.flows.put(refused);
        await this.audit('refusal', refused, 'OAUTH_REQUEST_UNBOUND');
        await this.notify(refused);
        // The pop-up says why; a full-page request's tab goes back to where it was.
        if (popupTabId !== undefined) await this.deps.platform.navigate(popupTabId, this.deps.platform.humanPageUrl(viewFlow(refused)));
        else this.confirmReturn(originTabId);
        return;
      }
      const human = popupTabId === undefined ? await this.deps.platform.openWindow() : { tabId: popupTabId, windowId: -1 };
      const stored: BrokerFlow = { ...flow, humanTabId: human.tabId, humanWindowId: human.windowId };
      await this.deps.flows.put(stored);
      await this.present(stored, popupTabId).catch(async (error: unknown) => {
        // Fail closed: a flow nobody can see is refused, not left waiting.
        const ended = await this.end(stored, 'refused', 'INTERNAL', 'refusal');
        if (ended) await this.deliverError(ended);
        throw error;
      });
    } finally {
      this.handingOff.delete(key);
    }
  }

  /** Gives the flow its window, marks it human-driven, guards the redirect URI and shows the consent screen. */
  private async present(stored: BrokerFlow, popupTabId: number | undefined): Promise<void> {
    // The human drives Airlock's window, whatever automation the browser is under.
    await this.deps.registry.setHumanToggle(stored.humanTabId, stored.humanWindowId, 'tab', false);
    // The consent screen first, while a pop-up is still blocked as the agent page's child: the
    // provider's page cannot load there before the human chose Continue.
    const consent = this.deps.platform.humanPageUrl(viewFlow(stored));
    await this.deps.platform.navigate(stored.humanTabId, consent);
    if (popupTabId !== undefined) this.children.delete(popupTabId);
    await this.syncRules();
    if (popupTabId !== undefined) {
      // Then the pop-up moves into a window of Airlock's own; it keeps its opener.
      const { windowId } = await this.deps.platform.adoptTab(popupTabId);
      stored.humanWindowId = windowId;
      await this.deps.flows.transition(stored.id, ['pending', 'in-progress'], { humanWindowId: windowId });
    }
    if (stored.variant === 'redirect') this.confirmReturn(stored.originTabId);
    // Where the error page's commit is not reported, check once that the consent screen stayed.
    setTimeout(() => {
      void (async () => {
        const url = await this.deps.platform.tabUrl(stored.humanTabId);
        if (url !== undefined && url !== consent) await this.reshowConsent(stored.humanTabId);
      })().catch(() => undefined);
    }, 2000);
    await this.audit('request', stored, 'OAUTH_HANDED_OFF');
    await this.notify(stored);
    setTimeout(() => void this.expireOverdue(), stored.expiresAt - stored.createdAt + 1000);
  }


  /**
   * A pop-up's blocked request can commit its error page after Airlock sent the tab to the consent
   * screen, replacing it: until the human continues, the human window shows the consent screen.
   */
  private async reshowConsent(tabId: number): Promise<void> {
    const flow = (await this.deps.flows.all()).find((f) => f.status === 'pending' && f.humanTabId === tabId);
    if (flow) await this.deps.platform.navigate(tabId, this.deps.platform.humanPageUrl(viewFlow(flow)));
  }

  /** The blocked request left an error page in the agent's tab: show it the page it was on. */
  private confirmReturn(tabId: number): void {
    const pendingReturn = this.returns.get(tabId);
    if (!pendingReturn) return;
    pendingReturn.confirmed = true;
    if (pendingReturn.errorCommitted) return this.returnTab(tabId);
    // Where the error page's commit is not reported, go back anyway once it has had time to commit.
    setTimeout(() => {
      if (this.returns.get(tabId) === pendingReturn) this.returnTab(tabId);
    }, 2000);
  }

  private returnTab(tabId: number): void {
    const pendingReturn = this.returns.get(tabId);
    this.returns.delete(tabId);
    if (pendingReturn) void this.deps.platform.navigate(tabId, pendingReturn.back).catch(() => undefined);
  }

  private async judgeResponse(tabId: number, url: string, flows: BrokerFlow[]): Promise<void> {
    const state = responseParams(url).get('state');
    const candidates = flows.filter((flow) => isRedirectTo(flow, url));
    const flow =
      candidates.find((f) => state !== null && f.request.state === state) ??
      candidates.find((f) => isOpen(f) && f.humanTabId === tabId);
    if (!flow) {
      // Not a response to anything Airlock brokered (a sign-in the human started elsewhere): let it through.
      await this.letThrough(tabId, url);
      return;
    }
    const check = checkCompletion(flow, tabId, url, this.deps.now());
    // The stored status says "in progress"; only this worker's own record of the human's Continue counts.
    if (check.ok && PROTECTIONS.sealedAuthority && !this.continued.has(flow.id)) {
      await this.audit('refusal', flow, 'OAUTH_NOT_CONTINUED', tabId);
      const ended = isOpen(flow) ? await this.end(flow, 'refused', 'OAUTH_NOT_CONTINUED', null) : null;
      if (ended) await this.deliverError(ended);
      return;
    }
    if (!check.ok) {
      const code = check.code ?? 'OAUTH_STATE_MISMATCH';
      await this.audit('refusal', flow, code, tabId);
      const ended = isOpen(flow) ? await this.end(flow, code === 'OAUTH_EXPIRED' ? 'expired' : 'refused', code, null) : null;
      if (ended) await this.deliverError(ended);
      return;
    }
    const done = await this.deps.flows.transition(flow.id, ['in-progress'], { status: 'completed' });
    if (!done) return;
    this.continued.delete(done.id);
    await this.releaseHumanTab(done);
    await this.audit('approval', done, 'OAUTH_COMPLETED');
    if (done.variant === 'token') {
      this.waiters.get(done.id)?.resolve(url);
      this.waiters.delete(done.id);
      await this.deps.platform.closeWindow(done.humanWindowId).catch(() => undefined);
      return;
    }
    if (done.variant === 'popup') {
      await this.letThrough(done.humanTabId, url);
    } else {
      await this.letThrough(done.originTabId, url);
      await this.deps.platform.closeWindow(done.humanWindowId).catch(() => undefined);
    }
    await this.notify(done);
  }

  /**
   * The human window is human-driven only while its flow is open and it shows Airlock's consent
   * screen, the provider or the redirect URI. A pop-up's opener (the agent's page) can navigate it
   * anywhere: left elsewhere, the flow ends and the tab loses its human mark, or it would be a tab
   * free of step-up and takeover for the agent to use.
   */
  private async endIfHumanTabLeft(tabId: number, url: string): Promise<void> {
    const flow = (await this.deps.flows.all()).find((f) => isOpen(f) && f.humanTabId === tabId);
    if (!flow) return;
    // Only web pages count: a new window's about:blank, the consent screen and error pages do not.
    if (!/^https?:/.test(url)) return;
    const origin = new URL(url).origin;
    if (origin === flow.request.providerOrigin || origin === flow.request.redirectOrigin) return;
    const ended = await this.end(flow, 'refused', 'OAUTH_FLOW_ENDED', 'refusal');
    if (ended && ended.variant !== 'popup') await this.deps.platform.closeWindow(ended.humanWindowId).catch(() => undefined);
  }

  /** Takes the human mark off a flow's window once the flow is over. */
  private async releaseHumanTab(flow: BrokerFlow): Promise<void> {
    if (flow.humanTabId < 0) return;
    await this.deps.registry.setHumanToggle(flow.humanTabId, flow.humanWindowId, 'tab', null).catch(() => undefined);
  }

  /** Ends an open flow once; records it (unless `auditKind` is null) and tells the agent's page. */
  private async end(flow: BrokerFlow, status: FlowStatus, reason: ErrorCode, auditKind: 'denial' | 'refusal' | null): Promise<BrokerFlow | null> {
    const ended = await this.deps.flows.transition(flow.id, ['pending', 'in-progress'], { status, reason });
    if (!ended) return null;
    this.rejectWaiter(ended);
    await this.releaseHumanTab(ended);
    if (auditKind) await this.audit(auditKind, ended, reason);
    await this.notify(ended);
    return ended;
  }

  /**
   * Ends the relying party's side cleanly: an RFC 6749 §4.1.2.1 error response with the request's own
   * state, delivered where the response would have gone. No code is ever delivered this way.
   */
  private async deliverError(flow: BrokerFlow): Promise<void> {
    // A token flow's response goes to no page: the token broker was told through its waiter.
    if (flow.variant === 'token') return this.deps.platform.closeWindow(flow.humanWindowId).catch(() => undefined);
    if (!flow.request.redirectUri || !flow.request.state) return;
    const url = new URL(flow.request.redirectUri);
    url.searchParams.set('error', 'access_denied');
    url.searchParams.set('error_description', flow.reason ?? 'OAUTH_DENIED');
    url.searchParams.set('state', flow.request.state);
    if (flow.variant === 'popup') {
      await this.letThrough(flow.humanTabId, url.href).catch(() => undefined);
    } else {
      await this.letThrough(flow.originTabId, url.href).catch(() => undefined);
      await this.deps.platform.closeWindow(flow.humanWindowId).catch(() => undefined);
    }
  }

  private async letThrough(tabId: number, url: string): Promise<void> {
    this.passes.push({ tabId, target: redirectTarget(url), until: this.deps.now() + PASS_MS });
    await this.syncRules();
    await this.deps.platform.navigate(tabId, url);
  }

  private async notify(flow: BrokerFlow): Promise<void> {
    if (!isHandOff(flow)) return;
    await this.deps.platform.push(flow.originTabId, summarizeFlow(flow)).catch(() => undefined);
    const waiting = (await this.deps.flows.all()).filter((f) => f.status === 'pending' && isHandOff(f)).map(viewFlow);
    this.deps.platform.announce(waiting);
  }

  private async audit(kind: 'request' | 'approval' | 'denial' | 'refusal', flow: BrokerFlow, reason: string, tabId?: number): Promise<void> {
    await this.deps.audit.record({
      kind,
      tabId: tabId ?? flow.originTabId,
      ...(flow.request.redirectOrigin ? { origin: flow.request.redirectOrigin } : {}),
      ...(flow.agent ? { agent: flow.agent } : {}),
      reason,
      details: {
        broker: 'oauth',
        flow: flow.id,
        variant: flow.variant,
        provider: flow.request.providerOrigin,
        clientId: flow.request.clientId,
        scopes: flow.request.scopes.join(' '),
        originTab: flow.originTabId,
        humanTab: flow.humanTabId,
      },
    });
  }
}
