import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { AuditEvent } from '../../../lib/vault/audit-log';
import { vaultRefreshTokens } from '../../../lib/oauth/refresh-tokens';
import { TOKEN_GRANTS_KEY, TokenBroker, type TokenBrokerDeps, type TokenRequestInput } from '../../../lib/oauth/token-broker';
import { SealedArea } from '../../../lib/security/sealed-area';
import type { Vault } from '../../../lib/vault/vault';
import { openTestVault } from '../vault/vault-fixture';
import { agentKeys, fakeTokenDelivery } from './token-fakes';

const REFRESH_TOKEN = 'rt-only-for-the-real-issuer';
const ROTATED = 'rt-rotated-by-the-issuer';
const MASTER = 'token broker master';
const ASK: TokenRequestInput = { provider: 'idp', scopes: ['openid'], origin: 'https://app.example', agent: 'agent', tabId: 1 };

/** Two providers on the wire: the real one, and an agent's own that it re-saves under the same name. */
function wire() {
  const posts: Array<{ url: string; body: string }> = [];
  let refreshes = 0;
  const provider = (issuer: string) => ({
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    revocation_endpoint: `${issuer}/revoke`,
  });
  const fetcher = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url.endsWith('/.well-known/openid-configuration')) return json(provider(url.replace('/.well-known/openid-configuration', '')));
    posts.push({ url, body: String(init?.body ?? '') });
    if (url.endsWith('/token')) {
      const refresh = String(init?.body).includes('grant_type=refresh_token');
      if (refresh) refreshes++;
      // The provider rotates the refresh token on its second refresh (RFC 9700 §4.14.2).
      return json({
        access_token: refresh ? `at-refresh-${refreshes}` : 'at-1',
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'openid',
        ...(refresh ? (refreshes === 2 ? { refresh_token: ROTATED } : {}) : { refresh_token: REFRESH_TOKEN }),
      });
    }
    return new Response('', { status: 200 });
  }) as typeof fetch;
  return { posts, fetcher };
}

let browserSide = fakeTokenDelivery();

/** Asks as the token handler does and waits for the answer pushed to the asking page. */
const ask = (broker: TokenBroker, input: TokenRequestInput) => browserSide.ask(broker, input);
/** How many refresh-token grants the provider has seen. */
const refreshCount = (posts: ReadonlyArray<{ body: string }>) => posts.filter((p) => p.body.includes('grant_type=refresh_token')).length;

function brokerOn(vault: Vault, fetcher: typeof fetch, audit: AuditEvent[] = [], unlockAsked: string[] = [], local: TokenBrokerDeps['local'] = fakeBrowser.storage.local) {
  return new TokenBroker({
    local,
    session: fakeBrowser.storage.session,
    delivery: browserSide.delivery,
    refreshTokens: vaultRefreshTokens(async () => vault),
    audit: { record: async (event) => void audit.push(event) },
    authorize: async (url) => {
      const state = new URL(url).searchParams.get('state');
      return `https://ext.chromiumapp.org/cb?code=c0de&state=${state}&iss=${encodeURIComponent('https://idp.example')}`;
    },
    redirectUri: 'https://ext.chromiumapp.org/cb',
    askUnlock: async (grant) => void unlockAsked.push(grant.grantId),
    fetcher,
    now: () => 1_000,
  });
}

async function setup() {
  const { vault, db } = await openTestVault();
  await vault.create(MASTER);
  const { posts, fetcher } = wire();
  const audit: AuditEvent[] = [];
  const unlockAsked: string[] = [];
  const broker = brokerOn(vault, fetcher, audit, unlockAsked);
  await broker.saveProvider({ id: 'idp', issuer: 'https://idp.example', clientId: 'client-1' });
  return { broker, posts, vault, db, fetcher, audit, unlockAsked };
}

/** Waits (by state, not time) until a request waits for the human; the broker reads IndexedDB first. */
async function waitingForHuman(broker: TokenBroker): Promise<number> {
  await vi.waitFor(async () => expect((await broker.pendingRequests()).length).toBeGreaterThan(0), { timeout: 5_000 });
  return (await broker.pendingRequests()).length;
}

async function grantOnce(broker: TokenBroker, input: TokenRequestInput = ASK) {
  const issued = ask(broker, input);
  await waitingForHuman(broker);
  const [pending] = await broker.pendingRequests();
  await broker.decide(pending!.requestId, true, 10);
  return issued;
}

describe('TokenBroker', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    browserSide = fakeTokenDelivery();
  });

  it('reuses a grant through its refresh token, sent only to the issuer that issued it', async () => {
    const { broker, posts } = await setup();
    expect((await grantOnce(broker)).accessToken).toBe('at-1');
    expect((await ask(broker, ASK)).accessToken).toBe('at-refresh-1');
    expect(posts.filter((p) => p.body.includes(REFRESH_TOKEN)).map((p) => p.url)).toEqual(['https://idp.example/token']);
  });

  it('never sends a refresh token to another issuer re-saved under the same provider name, and drops it from the vault', async () => {
    const { broker, posts, vault } = await setup();
    await grantOnce(broker);
    await broker.saveProvider({ id: 'idp', issuer: 'https://evil.example', clientId: 'client-1' });
    expect(await broker.grants()).toEqual([]);
    expect(await vault.grantSecretIds()).toEqual([]);
    // The agent asks again: no grant is reused, so the request waits for the human instead.
    void ask(broker, ASK).catch(() => undefined);
    expect(await waitingForHuman(broker)).toBe(1);
    expect(posts.filter((p) => p.url.startsWith('https://evil.example') && p.body.includes(REFRESH_TOKEN))).toEqual([]);
  });
});

describe('TokenBroker: refresh tokens in the vault', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    browserSide = fakeTokenDelivery();
  });

  it('keeps the refresh token sealed in the vault, never in storage; a new broker (a restarted worker) refreshes with it', async () => {
    const { broker, vault, db, fetcher } = await setup();
    await grantOnce(broker);
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain(REFRESH_TOKEN);
    expect(JSON.stringify(await fakeBrowser.storage.session.get())).not.toContain(REFRESH_TOKEN);
    const [grant] = (await fakeBrowser.storage.local.get(TOKEN_GRANTS_KEY))[TOKEN_GRANTS_KEY] as Array<{ grantId: string }>;
    expect(await vault.grantSecretIds()).toEqual([grant!.grantId]);
    expect(JSON.stringify(await db.get('grantSecrets', grant!.grantId))).not.toContain(REFRESH_TOKEN);

    const restarted = brokerOn(vault, fetcher);
    expect((await ask(restarted, ASK)).accessToken).toBe('at-refresh-1');
    expect(await restarted.pendingRequests()).toEqual([]);
  });

  it('keeps a rotated refresh token in place of the old one', async () => {
    const { broker, posts } = await setup();
    await grantOnce(broker);
    await ask(broker, ASK);
    await ask(broker, ASK);
    await ask(broker, ASK);
    const refreshBodies = posts.filter((p) => p.body.includes('grant_type=refresh_token')).map((p) => new URLSearchParams(p.body).get('refresh_token'));
    expect(refreshBodies).toEqual([REFRESH_TOKEN, REFRESH_TOKEN, ROTATED]);
  });

  it('locked vault: the agent gets VAULT_LOCKED, the human is asked to unlock, nothing is lost; after the unlock the grant works', async () => {
    const { broker, vault, audit, unlockAsked } = await setup();
    await grantOnce(broker);
    await vault.lock();
    await expect(ask(broker, ASK)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(await broker.pendingRequests()).toEqual([]);
    expect(unlockAsked).toHaveLength(1);
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'VAULT_LOCKED' });
    expect(await vault.grantSecretIds()).toHaveLength(1);
    await vault.unlock(MASTER);
    expect((await ask(broker, ASK)).accessToken).toBe('at-refresh-1');
  });

  it('a restarted worker whose vault is still locked keeps every refresh token: the grant list it cannot check yet is not taken for empty', async () => {
    const { vault, fetcher } = await setup();
    // The grant list sealed as the worker keeps it, under the key the vault derives when opened.
    // A restarted worker holds no integrity key until it sees the vault open again.
    let sawUnlock = true;
    const sealedLocal = () => new SealedArea(fakeBrowser.storage.local, [TOKEN_GRANTS_KEY], { integrityKey: async () => (sawUnlock ? vault.integrityKey() : null), onForged: () => undefined });
    await grantOnce(brokerOn(vault, fetcher, [], [], sealedLocal()));
    await vault.lock();
    sawUnlock = false;
    const area = sealedLocal();
    const restarted = brokerOn(vault, fetcher, [], [], area);
    // The settings list grants at once, before the human unlocks.
    expect(await restarted.grants()).toEqual([]);
    expect(await vault.grantSecretIds()).toHaveLength(1);
    await vault.unlock(MASTER);
    sawUnlock = true;
    await area.reseal();
    expect(await restarted.grants()).toHaveLength(1);
    expect((await ask(restarted, ASK)).accessToken).toBe('at-refresh-1');
  });

  it('a vault locked at approval: the agent still gets its token, and the grant is not refreshable', async () => {
    const { broker, vault } = await setup();
    await vault.lock();
    await grantOnce(broker);
    expect(await vault.grantSecretIds()).toEqual([]);
    expect((await broker.grants()).map((g) => g.refreshable)).toEqual([false]);
  });

  it('revocation deletes the refresh token from the vault at once, also while the vault is locked', async () => {
    const { broker, vault } = await setup();
    await grantOnce(broker);
    await grantOnce(broker, { ...ASK, tabId: 2 });
    const [first, second] = await broker.grants();
    await broker.revoke(first!.grantId);
    expect(await vault.grantSecretIds()).toEqual([second!.grantId]);
    await vault.lock();
    await broker.revoke(second!.grantId);
    expect(await vault.grantSecretIds()).toEqual([]);
    expect(await broker.grants()).toEqual([]);
  });

  it('a grant revoked while its refresh is under way stays revoked: no token for the agent, no rotated refresh token left in the vault', async () => {
    const { vault } = await openTestVault();
    await vault.create(MASTER);
    const { fetcher } = wire();
    let revokeDuringRefresh = false;
    const racing = (async (input: string | URL, init?: RequestInit) => {
      if (revokeDuringRefresh && String(init?.body).includes('grant_type=refresh_token')) {
        revokeDuringRefresh = false;
        await broker.revoke((await broker.grants())[0]!.grantId);
        const body = { access_token: 'at-late', token_type: 'Bearer', expires_in: 300, scope: 'openid', refresh_token: ROTATED };
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      return fetcher(input, init);
    }) as typeof fetch;
    const broker = brokerOn(vault, racing);
    await broker.saveProvider({ id: 'idp', issuer: 'https://idp.example', clientId: 'client-1' });
    await grantOnce(broker);
    revokeDuringRefresh = true;
    const late = ask(broker, ASK);
    // Not served from the revoked grant: the request waits for the human instead.
    expect(await waitingForHuman(broker)).toBe(1);
    expect(await vault.grantSecretIds()).toEqual([]);
    expect(await broker.grants()).toEqual([]);
    void late.catch(() => undefined);
  });

  it('a tampered refresh token record gives a new human decision, not a token, and the record is kept', async () => {
    const { broker, vault, db } = await setup();
    await grantOnce(broker);
    const [grant] = await broker.grants();
    const record = (await db.get('grantSecrets', grant!.grantId))!;
    await db.put('grantSecrets', { ...record, clientId: 'client-2' });
    void ask(broker, ASK).catch(() => undefined);
    expect(await waitingForHuman(broker)).toBe(1);
    expect(await vault.grantSecretIds()).toEqual([grant!.grantId]);
  });

  it('audits every grant, issue, refresh, refusal and revocation without any token', async () => {
    const { broker, vault, audit } = await setup();
    await grantOnce(broker);
    await ask(broker, ASK);
    await vault.lock();
    await ask(broker, ASK).catch(() => undefined);
    const [grant] = await broker.grants();
    await broker.revoke(grant!.grantId);
    expect(audit.map((e) => [e.kind, e.reason, (e.details as Record<string, unknown>).via ?? ''])).toEqual([
      ['request', 'TOKEN_REQUESTED', ''],
      ['approval', 'TOKEN_GRANTED', ''],
      ['approval', 'TOKEN_ISSUED', 'code'],
      ['approval', 'TOKEN_ISSUED', 'refresh'],
      ['refusal', 'VAULT_LOCKED', 'refresh'],
      ['denial', 'TOKEN_GRANT_REVOKED', ''],
    ]);
    const text = JSON.stringify(audit);
    for (const secret of [REFRESH_TOKEN, 'at-1', 'at-refresh-1']) expect(text).not.toContain(secret);
    // The scan above can fail: a planted copy is found.
    expect(JSON.stringify([...audit, { details: { planted: REFRESH_TOKEN } }])).toContain(REFRESH_TOKEN);
  });
});

describe('TokenBroker: grants are bound to tab, agent, origin and key', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    browserSide = fakeTokenDelivery();
  });

  it.each([
    ['another tab', { tabId: 7 }, false],
    ['another agent name', { agent: 'other-agent' }, false],
    ['another origin', { origin: 'https://evil.example' }, false],
    // A page that heard the agent's requests and sends a key of its own.
    ['another key', {}, true],
  ])('%s does not reuse the grant silently: the human decides anew', async (_label, change, ownKey) => {
    const { broker, posts, audit } = await setup();
    await grantOnce(broker);
    const refreshesBefore = refreshCount(posts);
    void browserSide.ask(broker, { ...ASK, ...change }, undefined, ownKey ? await agentKeys() : undefined).catch(() => undefined);
    expect(await waitingForHuman(broker)).toBe(1);
    expect(refreshCount(posts)).toBe(refreshesBefore);
    expect(audit.at(-1)).toMatchObject({ reason: 'TOKEN_REQUESTED', details: { boundElsewhere: true } });
    // The grant's own tab, agent, origin and key still reuse it.
    expect((await ask(broker, ASK)).accessToken).toBe('at-refresh-1');
    expect((await broker.grants())[0]).toMatchObject({ tabId: ASK.tabId, agent: ASK.agent, origin: ASK.origin });
  });

  it('a renewal asked again under the same ticket (its reply lost with the worker) makes no second token: the repeat is told to ask anew', async () => {
    const { broker, posts } = await setup();
    await grantOnce(broker);
    const before = refreshCount(posts);
    browserSide.tops.set(ASK.tabId, { url: `${ASK.origin}/app` });
    const repeated = { ...ASK, ticket: 'repeated-ticket', encryptTo: (await browserSide.agentKey).encryptTo };
    await broker.request(repeated);
    await broker.request(repeated);
    const answers = browserSide.sent.filter((s) => s.message.ticket === 'repeated-ticket').map((s) => s.message.result);
    expect(answers).toMatchObject([{ ok: true }, { ok: false, error: { code: 'TOKEN_REQUEST_INTERRUPTED' } }]);
    expect(refreshCount(posts)).toBe(before + 1);
  });
});
