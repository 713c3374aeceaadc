import type { KeyValueArea } from '../agent/registry';
import { AirlockError, toErrorData } from '../errors/airlock-error';
import type { TokenPushMessage } from '../messaging/push';
import type { AgentPublicKey, IssuedAccessToken } from '../protocol/messages';
import { agentKeyThumbprint, sealAccessToken } from '../token/sealed-token';
import type { AuditSink } from './audit-sink';
import { discoverProvider, type ProviderMetadata } from './discovery';
import { randomToken, s256Challenge } from './pkce';
import type { RefreshTokenStore } from './refresh-tokens';
import type { AuthorizeContext } from './token-authorizer';
import { revokeAtProvider, tokenRequest, type TokenResponse } from './token-endpoint';
import { stillShows, type TokenDelivery, type TopDocument } from './token-delivery';
import { TokenRequestStore, type TokenRequestRecord } from './token-request-store';
import type { GrantView, TokenProvider, TokenRequestView } from './views';
import { readIdTokenAccount } from '../token/id-token';
import { STORAGE_ITEMS } from '../storage/items';

export const PROVIDERS_KEY = STORAGE_ITEMS.tokenProviders.key;
/** Grants in storage.local (no secret in them: the refresh token is in the vault), kept across restarts until they expire. */
export const TOKEN_GRANTS_KEY = STORAGE_ITEMS.tokenGrants.key;

interface StoredGrant extends GrantView {
  /** The client the grant was issued to: a refresh token is only ever sent back to it. */
  clientId: string;
  /** Thumbprint (RFC 7638) of the agent's key the approved request was sealed to. */
  agentKey?: string;
}

/** Who asks: the tab (its top frame), the agent's handshake name, and the page's origin as the browser reported it. */
export interface TokenRequestInput {
  provider: string;
  scopes: string[];
  origin: string;
  agent: string;
  tabId: number;
}

/**
 * A grant is reused without asking only by the tab, agent and origin it was approved for, and under
 * the key its tokens were sealed to (a page that hears the agent's requests cannot renew the grant
 * to a key of its own without the human).
 */
function boundTo(grant: StoredGrant, input: TokenRequestInput, agentKey: string): boolean {
  return grant.tabId === input.tabId && grant.agent === input.agent && grant.origin === input.origin && grant.agentKey === agentKey;
}

function errorCode(error: unknown): string {
  return error instanceof AirlockError ? error.code : 'INTERNAL';
}

/**
 * Whether the configured provider is still the one that issued the grant. A provider can be re-saved
 * under the same name with another issuer; the refresh token must never follow it there.
 */
function issuedBy(provider: TokenProvider | undefined, grant: StoredGrant): provider is TokenProvider {
  return provider !== undefined && provider.issuer === grant.issuer && provider.clientId === grant.clientId;
}

/** The request as the token handler passes it on: who asks, and where the answer goes. */
export interface TokenAsk extends TokenRequestInput {
  /** The ticket `token.request` answered with. */
  ticket: string;
  /** The asking document (Chromium); without it, the tab's top frame on the asking origin. */
  documentId?: string;
  /** The agent's public key, to which the token is sealed. */
  encryptTo: AgentPublicKey;
}

/** Whom an answer goes to: a waiting request, or an ask answered at once. */
type Asker = Pick<TokenRequestRecord, 'ticket' | 'tabId' | 'documentId' | 'origin' | 'agent' | 'provider' | 'scopes' | 'encryptTo'>;

type EndReason = 'TOKEN_REQUEST_EXPIRED' | 'TOKEN_REQUEST_INTERRUPTED' | 'TOKEN_DELIVERY_TARGET_GONE';

const END_MESSAGES: Record<EndReason, string> = {
  TOKEN_REQUEST_EXPIRED: 'The human did not decide on the token request in time',
  TOKEN_REQUEST_INTERRUPTED: 'Airlock restarted during the sign-in; ask again',
  TOKEN_DELIVERY_TARGET_GONE: 'The page that asked is no longer shown',
};

/**
 * How long a request waits for the human: under the agent client's default wait of five minutes
 * (lib/protocol/client.ts), so that the agent hears TOKEN_REQUEST_EXPIRED rather than its own timeout.
 */
export const TOKEN_REQUEST_TTL_MS = 4 * 60_000;

export interface TokenBrokerDeps {
  local: KeyValueArea;
  /** Where waiting requests are kept (storage.session), so that a worker stop loses none. */
  session: KeyValueArea;
  /** Pushes answers to the asking document. */
  delivery: TokenDelivery;
  /** The set of waiting requests changed: the worker re-arms its expiry timer. */
  onRequestsChange?: () => void;
  refreshTokens: RefreshTokenStore;
  audit: AuditSink;
  /** `identity.launchWebAuthFlow`, or the human window where it is missing (token-authorizer.ts); resolves with the URL the provider redirected to. */
  authorize(url: string, context: AuthorizeContext): Promise<string>;
  redirectUri: string;
  /** Tells the human a request waits in the toolbar popup (a notification); best effort. */
  notify?: (view: TokenRequestView) => Promise<void>;
  /** Asks the human to unlock the vault: a grant's refresh token waits there; best effort. */
  askUnlock?: (grant: GrantView) => Promise<void>;
  fetcher?: typeof fetch;
  now: () => number;
}

const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_LIFETIME_MINUTES = 24 * 60;

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}

/**
 * Hands agents short-lived access tokens instead of passwords (docs/agent-protocol.md, "Sign-ins and
 * access tokens"). A request waits until the human approves it in the toolbar; Airlock then runs
 * authorization code + PKCE as a public client, keeps the refresh token in the vault, and gives the
 * agent only an access token narrowed to the approved scopes (RFC 6749 §6 `scope` on refresh) and
 * capped at the approved lifetime.
 */
export class TokenBroker {
  private readonly requests: TokenRequestStore;
  /** Approved requests whose flow runs in this worker; a running one not listed here died with an earlier worker. */
  private readonly running = new Set<string>();
  private readonly metadata = new Map<string, Promise<ProviderMetadata>>();
  private grantsQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: TokenBrokerDeps) {
    this.requests = new TokenRequestStore(deps.session);
  }

  // ---- providers ---------------------------------------------------------------------------

  async providers(): Promise<TokenProvider[]> {
    return ((await this.deps.local.get(PROVIDERS_KEY))[PROVIDERS_KEY] as TokenProvider[] | undefined) ?? [];
  }

  /** Adds or replaces a provider. Only configuration: nothing is granted until the human approves a request. */
  async saveProvider(provider: TokenProvider): Promise<TokenProvider[]> {
    if (!ID_PATTERN.test(provider.id)) throw new AirlockError('TOKEN_PROVIDER_INVALID', 'The provider name may use letters, digits and ._-');
    if (!provider.clientId.trim()) throw new AirlockError('TOKEN_PROVIDER_INVALID', 'A client id is required');
    await this.discover(provider.issuer, true);
    const previous = (await this.providers()).find((p) => p.id === provider.id);
    if (previous && (previous.issuer !== provider.issuer || previous.clientId !== provider.clientId.trim())) {
      // Another issuer or client under the same name: the old grants belong to the old one. Drop them
      // here (and their refresh tokens with them) rather than ever sending them to the new one.
      for (const grant of (await this.storedGrants()).filter((g) => g.provider === provider.id)) await this.forget(grant.grantId);
    }
    const list = (await this.providers()).filter((p) => p.id !== provider.id);
    list.push({ id: provider.id, issuer: provider.issuer, clientId: provider.clientId.trim() });
    await this.deps.local.set({ [PROVIDERS_KEY]: list });
    return list;
  }

  private discover(issuer: string, fresh = false): Promise<ProviderMetadata> {
    let cached = this.metadata.get(issuer);
    if (!cached || fresh) {
      cached = discoverProvider(issuer, this.deps.fetcher);
      cached.catch(() => this.metadata.delete(issuer));
      this.metadata.set(issuer, cached);
    }
    return cached;
  }

  // ---- grants ------------------------------------------------------------------------------

  private async storedGrants(): Promise<StoredGrant[]> {
    await this.grantsQueue;
    return ((await this.deps.local.get(TOKEN_GRANTS_KEY))[TOKEN_GRANTS_KEY] as StoredGrant[] | undefined) ?? [];
  }

  /** Serialised read-modify-write of the grant list, so a revocation and a refresh cannot both win. */
  private updateGrants(change: (grants: StoredGrant[]) => StoredGrant[]): Promise<void> {
    const run = this.grantsQueue.then(async () => {
      const grants = ((await this.deps.local.get(TOKEN_GRANTS_KEY))[TOKEN_GRANTS_KEY] as StoredGrant[] | undefined) ?? [];
      await this.deps.local.set({ [TOKEN_GRANTS_KEY]: change(grants) });
    });
    this.grantsQueue = run.catch(() => undefined);
    return run;
  }

  /** Drops a grant and, at once, its refresh token from the vault (no key needed to delete). */
  private async forget(grantId: string): Promise<void> {
    await this.updateGrants((grants) => grants.filter((g) => g.grantId !== grantId));
    await this.deps.refreshTokens.delete(grantId);
  }

  /** Forgets expired grants, and refresh tokens whose grant is gone (a stop between two writes). */
  private async sweep(): Promise<StoredGrant[]> {
    const now = this.deps.now();
    const grants = await this.storedGrants();
    for (const grant of grants.filter((g) => g.expiresAt <= now)) await this.forget(grant.grantId);
    // A grant is listed before its refresh token is stored: reading the list after the store's ids,
    // a token being kept right now always finds its grant and is not taken for an orphan.
    // Only while the vault is open: before that the grant list cannot be checked (it reads as empty)
    // and every refresh token would look orphaned.
    const open = await this.deps.refreshTokens.writable().catch(() => false);
    const stored = open ? await this.deps.refreshTokens.grantIds().catch(() => []) : [];
    const listed = await this.storedGrants();
    const ids = new Set(listed.map((g) => g.grantId));
    for (const orphan of stored.filter((id) => !ids.has(id))) await this.deps.refreshTokens.delete(orphan);
    return listed.filter((g) => g.expiresAt > now);
  }

  async grants(): Promise<GrantView[]> {
    return (await this.sweep()).map(({ clientId: _clientId, ...view }) => view);
  }

  /** Revocation is honoured at once (grant and refresh token deleted first), then at the provider. */
  async revoke(grantId: string): Promise<GrantView[]> {
    const grant = (await this.storedGrants()).find((g) => g.grantId === grantId);
    if (!grant) return this.grants();
    // Read while still stored, to revoke it at the provider; a locked vault only costs that step.
    const refreshToken = grant.refreshable ? await this.deps.refreshTokens.get(grant).catch(() => null) : null;
    await this.forget(grantId);
    let atProvider = false;
    const provider = (await this.providers()).find((p) => p.id === grant.provider);
    if (refreshToken && issuedBy(provider, grant)) {
      const metadata = await this.discover(provider.issuer).catch(() => null);
      // Revoking the refresh token revokes the grant and its access tokens where the provider does so (RFC 7009 §2.1).
      if (metadata) atProvider = await revokeAtProvider(metadata, provider.clientId, refreshToken, 'refresh_token', this.deps.fetcher);
    }
    await this.auditGrant('denial', grant, 'TOKEN_GRANT_REVOKED', grant.tabId, { revokedAtProvider: atProvider });
    return this.grants();
  }

  // ---- requests ----------------------------------------------------------------------------

  /** Requests waiting for the human, after expiring overdue ones and dropping those whose page is gone. */
  async pendingRequests(): Promise<TokenRequestView[]> {
    return (await this.settle()).map((record) => this.viewOf(record));
  }

  /** When the next pending request expires (null when none waits), for the worker's timer. */
  async nextExpiry(): Promise<number | null> {
    const pending = (await this.requests.all()).filter((r) => r.status === 'pending');
    return pending.length ? Math.min(...pending.map((r) => r.expiresAt)) : null;
  }

  /**
   * An agent's request, answered by a push under its ticket. A live grant for the same provider and
   * scopes, approved for this very tab, agent and origin, is refreshed without asking again; any other
   * request is persisted and waits for the human. Resolves once it is answered or persisted. Asked
   * again under a ticket it already keeps for the same tab (the asking document got no reply: the
   * worker stopped in between), it keeps that one request.
   */
  async request(ask: TokenAsk): Promise<void> {
    const kept = (await this.requests.all()).find((r) => r.ticket === ask.ticket);
    if (kept && kept.tabId === ask.tabId) return;
    if (kept) throw new AirlockError('MESSAGE_MALFORMED', 'That ticket belongs to another request');
    if (!(await this.requests.claimAnswer(ask.ticket, this.deps.now()))) {
      // Already answered at once (a renewed grant) and asked again: the answer either reached the page
      // before, or was lost with the worker; the page is told to ask anew, and no second token is made.
      await this.tell(ask, new AirlockError('TOKEN_REQUEST_INTERRUPTED', END_MESSAGES.TOKEN_REQUEST_INTERRUPTED));
      return;
    }
    try {
      const token = await this.refreshOrWait(ask);
      if (token) await this.deliver(ask, token);
    } catch (error) {
      await this.tell(ask, error);
    }
  }

  private async refreshOrWait(ask: TokenAsk): Promise<IssuedAccessToken | null> {
    const provider = (await this.providers()).find((p) => p.id === ask.provider);
    if (!provider) throw new AirlockError('TOKEN_PROVIDER_UNKNOWN', 'No provider of that name is configured in Airlock');
    const scopes = [...new Set(ask.scopes)];
    const now = this.deps.now();
    const live = (await this.sweep()).filter((g) => g.provider === provider.id && sameScopes(g.scopes, scopes));
    const agentKey = await agentKeyThumbprint(ask.encryptTo);
    const grant = live.find((g) => boundTo(g, ask, agentKey) && g.refreshable);
    if (grant) {
      try {
        const token = await this.refreshGrant(provider, grant);
        await this.auditGrant('approval', grant, 'TOKEN_ISSUED', ask.tabId, { via: 'refresh' });
        return token;
      } catch (error) {
        const code = errorCode(error);
        await this.auditGrant('refusal', grant, code, ask.tabId, { via: 'refresh' });
        if (code === 'VAULT_LOCKED') {
          // The refresh token is safe in the locked vault: the agent retries once the human unlocks.
          await this.deps.askUnlock?.(grant).catch(() => undefined);
          throw new AirlockError('VAULT_LOCKED', 'Airlock is locked: the human must unlock it before this grant can be used');
        }
        // The provider no longer honours it: gone here too. Anything else: the human decides anew.
        if (code === 'TOKEN_GRANT_REVOKED') await this.forget(grant.grantId);
      }
    }
    const record: TokenRequestRecord = {
      requestId: randomToken().slice(0, 22),
      ticket: ask.ticket,
      provider: provider.id,
      issuer: provider.issuer,
      scopes,
      origin: ask.origin,
      agent: ask.agent,
      tabId: ask.tabId,
      frameId: 0,
      ...(ask.documentId ? { documentId: ask.documentId } : {}),
      encryptTo: ask.encryptTo,
      createdAt: now,
      expiresAt: now + TOKEN_REQUEST_TTL_MS,
      status: 'pending',
    };
    // A grant exists for another tab, agent or origin: it is not reused without the human.
    await this.auditRequest('request', record, 'TOKEN_REQUESTED', { issuer: provider.issuer, boundElsewhere: live.some((g) => !boundTo(g, ask, agentKey)) });
    await this.requests.update((records) => [...records, record]);
    this.deps.onRequestsChange?.();
    await this.deps.notify?.(this.viewOf(record)).catch(() => undefined);
    return null;
  }

  private viewOf(record: TokenRequestRecord): TokenRequestView {
    // Where the answer goes (ticket, document) is for the broker only.
    const { ticket: _ticket, frameId: _frameId, documentId: _documentId, expiresAt: _expiresAt, encryptTo: _encryptTo, ...view } = record;
    return view;
  }

  /**
   * Ends what can no longer be answered: pending requests past their expiry (the agent is told
   * TOKEN_REQUEST_EXPIRED), requests whose document the tab no longer shows (nobody to tell), and
   * approved requests whose flow died with an earlier worker (TOKEN_REQUEST_INTERRUPTED: the agent asks
   * again). Each is audited. Returns the requests still open.
   */
  private async settle(): Promise<TokenRequestRecord[]> {
    const now = this.deps.now();
    // What each request's tab shows, looked up before the write (it cannot await inside it).
    const byTab = new Map<number, TopDocument | null>();
    const tops = new Map<string, TopDocument | null>();
    for (const record of await this.requests.all()) {
      if (!byTab.has(record.tabId)) byTab.set(record.tabId, await this.deps.delivery.topDocument(record.tabId));
      tops.set(record.requestId, byTab.get(record.tabId) ?? null);
    }
    const ended: Array<{ record: TokenRequestRecord; reason: EndReason }> = [];
    const open = await this.requests.update((records) =>
      records.filter((record) => {
        const reason = this.endReason(record, now, tops);
        if (reason) ended.push({ record, reason });
        return reason === null;
      }),
    );
    for (const { record, reason } of ended) {
      await this.auditRequest('refusal', record, reason);
      if (reason !== 'TOKEN_DELIVERY_TARGET_GONE') await this.tell(record, new AirlockError(reason, END_MESSAGES[reason]));
    }
    if (ended.length) this.deps.onRequestsChange?.();
    return open;
  }

  private endReason(record: TokenRequestRecord, now: number, tops: Map<string, TopDocument | null>): EndReason | null {
    if (record.status === 'running') return this.running.has(record.requestId) ? null : 'TOKEN_REQUEST_INTERRUPTED';
    if (record.expiresAt <= now) return 'TOKEN_REQUEST_EXPIRED';
    // A request made after the documents were looked up (perhaps by the tab's next document) is judged next time.
    const top = tops.get(record.requestId);
    return top === undefined || stillShows(top, record) ? null : 'TOKEN_DELIVERY_TARGET_GONE';
  }

  /** The tab closed: its waiting requests have nobody left to answer. */
  async forgetTab(tabId: number): Promise<void> {
    const gone: TokenRequestRecord[] = [];
    await this.requests.update((records) =>
      records.filter((record) => {
        if (record.tabId !== tabId || record.status !== 'pending') return true;
        gone.push(record);
        return false;
      }),
    );
    for (const record of gone) await this.auditRequest('refusal', record, 'TOKEN_DELIVERY_TARGET_GONE');
    if (gone.length) this.deps.onRequestsChange?.();
  }

  /** Records a request refused before or after the broker (wrong frame, no agent, page gone) and returns its error. */
  async refuse(input: TokenRequestInput, code: 'TOKEN_FRAME_FORBIDDEN' | 'TOKEN_NOT_AGENT_TAB' | 'TOKEN_DELIVERY_TARGET_GONE' | 'PROTOCOL_MALFORMED', message: string): Promise<AirlockError> {
    await this.deps.audit.record({
      kind: 'refusal',
      tabId: input.tabId,
      origin: input.origin,
      ...(input.agent ? { agent: input.agent } : {}),
      reason: code,
      details: { broker: 'token', provider: input.provider, scopes: [...new Set(input.scopes)].join(' ') },
    });
    return new AirlockError(code, message);
  }

  /**
   * The token, to the asking document only, and only if the tab's top frame still shows it (same
   * origin where the browser names no documents); otherwise it is withheld and the refusal audited.
   */
  private async deliver(asker: Asker, token: IssuedAccessToken): Promise<void> {
    if (!stillShows(await this.deps.delivery.topDocument(asker.tabId), asker)) {
      throw await this.refuse(asker, 'TOKEN_DELIVERY_TARGET_GONE', 'The page that asked is no longer shown; the token was withheld');
    }
    const sealed = await sealAccessToken(token, asker.encryptTo).catch(() => null);
    if (!sealed) throw await this.refuse(asker, 'PROTOCOL_MALFORMED', 'The token could not be sealed to the agent\'s key; it was withheld');
    const message: TokenPushMessage = { airlock: 'push-token', ticket: asker.ticket, result: { ok: true, token: sealed } };
    await this.deps.delivery.send(asker.tabId, asker.documentId, message).catch(async () => {
      await this.refuse(asker, 'TOKEN_DELIVERY_TARGET_GONE', 'The page that asked is gone; the token was withheld');
    });
  }

  /** A refusal, to the asking document only; best effort (it may be gone). */
  private async tell(asker: Asker, error: unknown): Promise<void> {
    const message: TokenPushMessage = { airlock: 'push-token', ticket: asker.ticket, result: { ok: false, error: toErrorData(error) } };
    await this.deps.delivery.send(asker.tabId, asker.documentId, message).catch(() => undefined);
  }

  private async auditRequest(
    kind: 'request' | 'refusal' | 'denial',
    record: TokenRequestRecord,
    reason: string,
    extra: Record<string, string | number | boolean> = {},
  ): Promise<void> {
    await this.deps.audit.record({
      kind,
      tabId: record.tabId,
      origin: record.origin,
      ...(record.agent ? { agent: record.agent } : {}),
      reason,
      details: { broker: 'token', request: record.requestId, provider: record.provider, scopes: record.scopes.join(' '), ...extra },
    });
  }

  /** The human's decision from the toolbar popup. The flow itself runs after this returns. */
  async decide(requestId: string, approve: boolean, lifetimeMinutes: number): Promise<TokenRequestView[]> {
    await this.settle();
    let decided: TokenRequestRecord | undefined;
    await this.requests.update((records) =>
      records.flatMap((record) => {
        if (record.requestId !== requestId || record.status !== 'pending') return [record];
        decided = record;
        // Marked running in the same write, so a second decision on it finds nothing to decide.
        return approve ? [{ ...record, status: 'running' as const }] : [];
      }),
    );
    const record = decided;
    if (!record) throw new AirlockError('TOKEN_REQUEST_NOT_FOUND', 'No such token request');
    this.deps.onRequestsChange?.();
    if (!approve) {
      await this.auditRequest('denial', record, 'TOKEN_REQUEST_DENIED');
      await this.tell(record, new AirlockError('TOKEN_REQUEST_DENIED', 'The human denied the token request'));
      return this.pendingRequests();
    }
    const minutes = Math.min(Math.max(1, Math.floor(lifetimeMinutes)), MAX_LIFETIME_MINUTES);
    this.running.add(requestId);
    void this.run(record, minutes)
      .then(
        (token) => this.deliver(record, token),
        async (error: unknown) => {
          await this.auditRequest('refusal', record, errorCode(error));
          throw error;
        },
      )
      .catch((error: unknown) => this.tell(record, error))
      .finally(async () => {
        // Off the list before it stops counting as this worker's own: otherwise it reads as interrupted.
        await this.requests.update((records) => records.filter((r) => r.requestId !== requestId)).catch(() => undefined);
        this.running.delete(requestId);
      });
    return this.pendingRequests();
  }

  private async run(view: TokenRequestRecord, lifetimeMinutes: number): Promise<IssuedAccessToken> {
    const provider = (await this.providers()).find((p) => p.id === view.provider);
    if (!provider) throw new AirlockError('TOKEN_PROVIDER_UNKNOWN', 'The provider was removed');
    const metadata = await this.discover(provider.issuer);
    const state = randomToken();
    const verifier = randomToken();
    // offline_access (with prompt=consent, OpenID Connect Core §11) is for Airlock's refresh token only;
    // the agent's access token is narrowed back to the approved scopes below.
    // Asked for only when the vault can keep the refresh token: otherwise there is no use for one.
    const keep = await this.deps.refreshTokens.writable().catch(() => false);
    const offline = keep && (metadata.scopes_supported?.includes('offline_access') ?? false);
    const requested = offline ? [...view.scopes.filter((s) => s !== 'offline_access'), 'offline_access'] : view.scopes;
    const authorize = new URL(metadata.authorization_endpoint);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: this.deps.redirectUri,
      scope: requested.join(' '),
      state,
      code_challenge: await s256Challenge(verifier),
      code_challenge_method: 'S256',
      prompt: 'consent',
    }).toString();
    const returned = new URL(
      await this.deps.authorize(authorize.href, { tabId: view.tabId, agent: view.agent }).catch((error: unknown) => {
        if (error instanceof AirlockError) throw error;
        // launchWebAuthFlow rejects when the human closes its window.
        throw new AirlockError('TOKEN_REQUEST_DENIED', 'The sign-in window was closed');
      }),
    );
    const params = returned.searchParams;
    if (params.get('state') !== state) throw new AirlockError('OAUTH_STATE_MISMATCH', 'The provider answered with another state');
    // RFC 9207: a response naming another issuer is a mix-up attack.
    const iss = params.get('iss');
    if (iss !== null && iss !== metadata.issuer) throw new AirlockError('OAUTH_STATE_MISMATCH', 'The response names another issuer');
    const code = params.get('code');
    if (params.get('error') || !code) throw new AirlockError('TOKEN_REQUEST_DENIED', 'The provider did not grant access');
    const first = await tokenRequest(
      metadata,
      { grant_type: 'authorization_code', code, redirect_uri: this.deps.redirectUri, client_id: provider.clientId, code_verifier: verifier },
      this.deps.fetcher,
    );
    const now = this.deps.now();
    const grant: StoredGrant = {
      grantId: randomToken().slice(0, 22),
      provider: provider.id,
      issuer: provider.issuer,
      clientId: provider.clientId,
      scopes: view.scopes,
      origin: view.origin,
      agent: view.agent,
      tabId: view.tabId,
      agentKey: await agentKeyThumbprint(view.encryptTo),
      account: first.id_token ? readIdTokenAccount(first.id_token, { issuer: metadata.issuer, clientId: provider.clientId }).label : '',
      createdAt: now,
      expiresAt: now + lifetimeMinutes * 60_000,
      refreshable: false,
    };
    await this.updateGrants((grants) => [...grants, grant]);
    if (first.refresh_token && keep && (await this.keep(grant, first.refresh_token)) === 'kept') {
      grant.refreshable = true;
      await this.updateGrants((grants) => grants.map((g) => (g.grantId === grant.grantId ? { ...g, refreshable: true } : g)));
    }
    await this.auditGrant('approval', grant, 'TOKEN_GRANTED', view.tabId, { refreshable: grant.refreshable });
    // offline_access widened the first token: narrow it back to the approved scopes by a refresh.
    const token =
      first.refresh_token && !sameScopes((first.scope ?? '').split(' ').filter(Boolean), view.scopes)
        ? await this.exchange(provider, grant, first.refresh_token)
        : this.issue(provider, grant, first);
    await this.auditGrant('approval', grant, 'TOKEN_ISSUED', view.tabId, { via: 'code' });
    return token;
  }

  /**
   * Stores a grant's refresh token in the vault: not kept when the vault cannot take it now (locked);
   * revoked when the grant was revoked meanwhile (it stays revoked: the token is deleted again at once).
   */
  private async keep(grant: StoredGrant, refreshToken: string): Promise<'kept' | 'not-kept' | 'revoked'> {
    try {
      await this.deps.refreshTokens.put(grant, refreshToken);
    } catch (error) {
      await this.auditGrant('refusal', grant, errorCode(error), grant.tabId, { kept: false });
      return 'not-kept';
    }
    if ((await this.storedGrants()).some((g) => g.grantId === grant.grantId)) return 'kept';
    await this.deps.refreshTokens.delete(grant.grantId);
    return 'revoked';
  }

  /** A fresh access token from the grant's refresh token in the vault (VAULT_LOCKED while it is locked). */
  private async refreshGrant(provider: TokenProvider, grant: StoredGrant): Promise<IssuedAccessToken> {
    if (!issuedBy(provider, grant)) throw new AirlockError('TOKEN_GRANT_REVOKED', 'The provider changed since this grant was issued');
    const refreshToken = await this.deps.refreshTokens.get(grant);
    if (!refreshToken) throw new AirlockError('TOKEN_GRANT_REVOKED', 'Airlock no longer holds this grant');
    return this.exchange(provider, grant, refreshToken);
  }

  /** Redeems a refresh token for an access token narrowed to the grant's scopes (RFC 6749 §6). */
  private async exchange(provider: TokenProvider, grant: StoredGrant, refreshToken: string): Promise<IssuedAccessToken> {
    const metadata = await this.discover(provider.issuer);
    const response = await tokenRequest(
      metadata,
      { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: provider.clientId, scope: grant.scopes.join(' ') },
      this.deps.fetcher,
    );
    // Providers may rotate refresh tokens (RFC 9700 §4.14.2): keep the new one. A grant revoked
    // meanwhile stays revoked (no token); where the vault cannot take it, the grant no longer renews.
    const kept = response.refresh_token && grant.refreshable ? await this.keep(grant, response.refresh_token) : 'kept';
    if (kept === 'revoked') throw new AirlockError('TOKEN_GRANT_REVOKED', 'The grant was revoked');
    if (kept === 'not-kept') await this.updateGrants((grants) => grants.map((g) => (g.grantId === grant.grantId ? { ...g, refreshable: false } : g)));
    return this.issue(provider, grant, response);
  }

  private issue(provider: TokenProvider, grant: StoredGrant, response: TokenResponse): IssuedAccessToken {
    const now = this.deps.now();
    const tokenExpiry = now + (response.expires_in ?? 300) * 1000;
    return {
      provider: provider.id,
      accessToken: response.access_token,
      tokenType: response.token_type,
      scope: response.scope ?? grant.scopes.join(' '),
      expiresAt: Math.min(tokenExpiry, grant.expiresAt),
    };
  }

  /** Every issue, refresh, refusal and revocation of a grant: ids, scopes and codes, never a token. */
  private async auditGrant(
    kind: 'approval' | 'refusal' | 'denial',
    grant: StoredGrant,
    reason: string,
    tabId: number,
    extra: Record<string, string | number | boolean> = {},
  ): Promise<void> {
    await this.deps.audit.record({
      kind,
      tabId,
      origin: grant.origin,
      ...(grant.agent ? { agent: grant.agent } : {}),
      reason,
      details: { broker: 'token', grant: grant.grantId, provider: grant.provider, issuer: grant.issuer, scopes: grant.scopes.join(' '), expiresAt: grant.expiresAt, ...extra },
    });
  }
}
