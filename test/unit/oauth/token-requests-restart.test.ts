import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { vaultRefreshTokens } from '../../../lib/oauth/refresh-tokens';
import { TOKEN_REQUEST_TTL_MS, TokenBroker, type TokenRequestInput } from '../../../lib/oauth/token-broker';
import { TOKEN_REQUESTS_KEY } from '../../../lib/oauth/token-request-store';
import type { AuditEvent } from '../../../lib/vault/audit-log';
import type { Vault } from '../../../lib/vault/vault';
import { openTestVault } from '../vault/vault-fixture';
import { fakeTokenDelivery, SOME_AGENT_KEY } from './token-fakes';

const ISSUER = 'https://idp.example';
const ASK: TokenRequestInput = { provider: 'idp', scopes: ['openid', 'profile'], origin: 'https://app.example', agent: 'agent 1.0', tabId: 3 };
const ACCESS_TOKEN = 'at-issued-after-restart';
const REFRESH_TOKEN = 'rt-kept-in-the-vault';

/** The provider on the wire; every POST body is kept (the PKCE verifier and code travel in them). */
function wire() {
  const posts: string[] = [];
  const fetcher = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url.endsWith('/.well-known/openid-configuration')) return json({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token` });
    posts.push(String(init?.body ?? ''));
    return json({ access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'openid profile', refresh_token: REFRESH_TOKEN });
  }) as typeof fetch;
  return { posts, fetcher };
}

async function setup() {
  const { vault } = await openTestVault();
  await vault.create('restart master');
  const { posts, fetcher } = wire();
  const audit: AuditEvent[] = [];
  const browserSide = fakeTokenDelivery();
  const clock = { now: 10_000 };
  /** The provider's redirect, held until the test lets the human finish signing in. */
  const signIns: Array<{ url: string; finish: () => void }> = [];
  /** A broker as a (re)started worker builds it: nothing in memory, the same storage and vault. */
  const startWorker = (v: Vault = vault) =>
    new TokenBroker({
      local: fakeBrowser.storage.local,
      session: slowSession,
      delivery: browserSide.delivery,
      refreshTokens: vaultRefreshTokens(async () => v),
      audit: { record: async (event) => void audit.push(event) },
      authorize: (url) =>
        new Promise((resolve) => {
          const state = new URL(url).searchParams.get('state');
          signIns.push({ url, finish: () => resolve(`https://ext.chromiumapp.org/cb?code=c0de-secret&state=${state}`) });
        }),
      redirectUri: 'https://ext.chromiumapp.org/cb',
      fetcher,
      now: () => clock.now,
    });
  const first = startWorker();
  await first.saveProvider({ id: 'idp', issuer: ISSUER, clientId: 'client-1' });
  return { first, startWorker, browserSide, audit, clock, signIns, posts };
}

/**
 * storage.session whose reads take a moment, as the real one's may: two read-modify-write cycles
 * not serialised would overlap, and the later write would drop the earlier request.
 */
const slowSession = {
  get: async (key: string) => {
    const value = await fakeBrowser.storage.session.get(key);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return value;
  },
  set: (items: Record<string, unknown>) => fakeBrowser.storage.session.set(items),
};

async function stored(): Promise<Array<Record<string, unknown>>> {
  return ((await fakeBrowser.storage.session.get(TOKEN_REQUESTS_KEY))[TOKEN_REQUESTS_KEY] as Array<Record<string, unknown>> | undefined) ?? [];
}

describe('TokenBroker: pending token requests survive a service-worker stop', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a request is persisted, listed by the restarted worker, and its approval delivers the token to the asking document only', async () => {
    const { first, startWorker, browserSide, audit, signIns } = await setup();
    const answer = browserSide.ask(first, ASK, 'doc-A');
    await vi.waitFor(async () => expect(await stored()).toHaveLength(1));
    // Another tab's request waits on, untouched by this one's decision.
    void browserSide.ask(first, { ...ASK, tabId: 4 }, 'doc-B').catch(() => undefined);
    await vi.waitFor(async () => expect(await stored()).toHaveLength(2));

    const restarted = startWorker();
    const listed = await restarted.pendingRequests();
    expect(listed.map((r) => [r.tabId, r.agent, r.origin, r.scopes.join(' '), r.status])).toEqual([
      [3, 'agent 1.0', 'https://app.example', 'openid profile', 'pending'],
      [4, 'agent 1.0', 'https://app.example', 'openid profile', 'pending'],
    ]);
    await restarted.decide(listed[0]!.requestId, true, 15);
    await vi.waitFor(() => expect(signIns).toHaveLength(1));
    signIns[0]!.finish();

    expect((await answer).accessToken).toBe(ACCESS_TOKEN);
    expect(browserSide.sent.map((s) => [s.tabId, s.documentId, s.message.result.ok])).toEqual([[3, 'doc-A', true]]);
    expect(await restarted.grants()).toMatchObject([{ tabId: 3, agent: 'agent 1.0', origin: 'https://app.example' }]);
    await vi.waitFor(async () => expect((await stored()).map((r) => r.tabId)).toEqual([4]));
    expect(audit.map((e) => e.reason)).toEqual(['TOKEN_REQUESTED', 'TOKEN_REQUESTED', 'TOKEN_GRANTED', 'TOKEN_ISSUED']);
  });

  it('a request denied after the restart is refused to the asking document (TOKEN_REQUEST_DENIED), audited, and gone', async () => {
    const { first, startWorker, browserSide, audit } = await setup();
    const answer = browserSide.ask(first, ASK, 'doc-A');
    // Its refusal may come before the test looks for it.
    answer.catch(() => undefined);
    await vi.waitFor(async () => expect(await stored()).toHaveLength(1));
    const restarted = startWorker();
    const [request] = await restarted.pendingRequests();
    expect(await restarted.decide(request!.requestId, false, 15)).toEqual([]);
    await expect(answer).rejects.toMatchObject({ code: 'TOKEN_REQUEST_DENIED' });
    expect(browserSide.sent.map((s) => s.documentId)).toEqual(['doc-A']);
    expect(audit.at(-1)).toMatchObject({ kind: 'denial', reason: 'TOKEN_REQUEST_DENIED', tabId: 3, details: { request: request!.requestId } });
    expect(await stored()).toEqual([]);
    // Decided once: a second decision (a replayed click) finds nothing.
    await expect(restarted.decide(request!.requestId, true, 15)).rejects.toMatchObject({ code: 'TOKEN_REQUEST_NOT_FOUND' });
  });

  it('a request left past its expiry while the worker was stopped is expired at the restart: TOKEN_REQUEST_EXPIRED to the agent, audited, not approvable', async () => {
    const { first, startWorker, browserSide, audit, clock } = await setup();
    const answer = browserSide.ask(first, ASK, 'doc-A');
    // Its refusal may come before the test looks for it.
    answer.catch(() => undefined);
    await vi.waitFor(async () => expect(await stored()).toHaveLength(1));
    const [request] = await first.pendingRequests();
    clock.now += TOKEN_REQUEST_TTL_MS - 1;
    // Not yet due: still waiting.
    expect(await startWorker().pendingRequests()).toHaveLength(1);
    clock.now += 1;
    const restarted = startWorker();
    expect(await restarted.pendingRequests()).toEqual([]);
    await expect(answer).rejects.toMatchObject({ code: 'TOKEN_REQUEST_EXPIRED' });
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_REQUEST_EXPIRED', details: { request: request!.requestId } });
    await expect(restarted.decide(request!.requestId, true, 15)).rejects.toMatchObject({ code: 'TOKEN_REQUEST_NOT_FOUND' });
  });

  it('a request whose tab closed is dropped and audited; nothing is sent', async () => {
    const { first, startWorker, browserSide, audit } = await setup();
    void browserSide.ask(first, ASK, 'doc-A').catch(() => undefined);
    void browserSide.ask(first, { ...ASK, tabId: 4 }, 'doc-B').catch(() => undefined);
    await vi.waitFor(async () => expect(await stored()).toHaveLength(2));
    const restarted = startWorker();
    browserSide.tops.delete(3);
    await restarted.forgetTab(3);
    expect((await restarted.pendingRequests()).map((r) => r.tabId)).toEqual([4]);
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_DELIVERY_TARGET_GONE', tabId: 3 });
    expect(browserSide.sent).toEqual([]);
  });

  it('a request whose document the tab no longer shows is dropped when the requests are next listed', async () => {
    const { first, startWorker, browserSide, audit } = await setup();
    void browserSide.ask(first, ASK, 'doc-A').catch(() => undefined);
    await vi.waitFor(async () => expect(await stored()).toHaveLength(1));
    browserSide.tops.set(3, { documentId: 'doc-A2', url: 'https://app.example/next' });
    expect(await startWorker().pendingRequests()).toEqual([]);
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_DELIVERY_TARGET_GONE' });
    expect(await stored()).toEqual([]);
    expect(browserSide.sent).toEqual([]);
  });

  it('two requests arriving together are both kept', async () => {
    const { first, browserSide } = await setup();
    const asks = [ASK, { ...ASK, tabId: 4 }].map((input, i) => ({ ...input, ticket: `together-${i}`, encryptTo: SOME_AGENT_KEY }));
    for (const input of asks) browserSide.tops.set(input.tabId, { url: `${input.origin}/app` });
    await Promise.all(asks.map((input) => first.request(input)));
    expect((await stored()).map((r) => r.tabId).sort()).toEqual([3, 4]);
  });

  it('a request from the tab\'s next document, made while the requests are being judged, is not dropped with the old one', async () => {
    const { first, browserSide } = await setup();
    void browserSide.ask(first, ASK, 'doc-A').catch(() => undefined);
    await vi.waitFor(async () => expect(await stored()).toHaveLength(1));
    const lookUp = browserSide.delivery.topDocument;
    browserSide.delivery.topDocument = async (tabId) => {
      // Looked up while the tab still shows doc-A; the tab then moves to doc-B, which asks at once.
      const top = await lookUp(tabId);
      browserSide.tops.set(3, { documentId: 'doc-B', url: `${ASK.origin}/next` });
      await first.request({ ...ASK, ticket: 'from-doc-B', documentId: 'doc-B', encryptTo: SOME_AGENT_KEY });
      browserSide.delivery.topDocument = lookUp;
      return top;
    };
    await first.pendingRequests();
    expect((await stored()).map((r) => r.documentId)).toContain('doc-B');
    // Judged on the next look: the old document's request goes, the new one waits for the human.
    expect((await first.pendingRequests()).length).toBe(1);
    expect((await stored()).map((r) => r.documentId)).toEqual(['doc-B']);
  });

  it('an approved request whose sign-in died with the worker is ended: TOKEN_REQUEST_INTERRUPTED, so the agent asks again', async () => {
    const { first, startWorker, browserSide, audit, signIns } = await setup();
    const answer = browserSide.ask(first, ASK, 'doc-A');
    // Its refusal may come before the test looks for it.
    answer.catch(() => undefined);
    await vi.waitFor(async () => expect(await stored()).toHaveLength(1));
    await first.decide((await first.pendingRequests())[0]!.requestId, true, 15);
    await vi.waitFor(() => expect(signIns).toHaveLength(1));
    // The worker that ran the sign-in is gone; a new one finds the running request nobody runs.
    expect(await startWorker().pendingRequests()).toEqual([]);
    await expect(answer).rejects.toMatchObject({ code: 'TOKEN_REQUEST_INTERRUPTED' });
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_REQUEST_INTERRUPTED' });
  });

  it('the stored record holds who asked and where the answer goes, and no secret: no state, verifier, code or token', async () => {
    const { first, browserSide, signIns, posts } = await setup();
    const answer = browserSide.ask(first, ASK, 'doc-A');
    await vi.waitFor(async () => expect(await stored()).toHaveLength(1));
    expect(Object.keys((await stored())[0]!).sort()).toEqual(
      ['agent', 'createdAt', 'documentId', 'encryptTo', 'expiresAt', 'frameId', 'issuer', 'origin', 'provider', 'requestId', 'scopes', 'status', 'tabId', 'ticket'].sort(),
    );
    await first.decide((await first.pendingRequests())[0]!.requestId, true, 15);
    await vi.waitFor(() => expect(signIns).toHaveLength(1));
    const state = new URL(signIns[0]!.url).searchParams.get('state')!;
    const challenge = new URL(signIns[0]!.url).searchParams.get('code_challenge')!;
    // While the human signs in, the record is stored as running: the flow's secrets stay in memory.
    const whileRunning = JSON.stringify(await stored());
    expect(whileRunning).toContain('"running"');
    signIns[0]!.finish();
    await answer;
    const verifier = new URLSearchParams(posts.find((p) => p.includes('code_verifier'))!).get('code_verifier')!;
    const secrets = [state, challenge, verifier, 'c0de-secret', ACCESS_TOKEN, REFRESH_TOKEN];
    const session = JSON.stringify(await fakeBrowser.storage.session.get());
    for (const secret of secrets) {
      expect(whileRunning).not.toContain(secret);
      expect(session).not.toContain(secret);
    }
    // The scan can fail: a planted copy is found.
    expect(JSON.stringify([...(await stored()), { planted: verifier }])).toContain(verifier);
  });
});
