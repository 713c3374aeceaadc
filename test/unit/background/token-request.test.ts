import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { AgentRegistry } from '../../../lib/agent/registry';
import { tokenRequest } from '../../../lib/background/handlers/token-request';
import type { SenderContext } from '../../../lib/messaging/sender';
import { vaultRefreshTokens } from '../../../lib/oauth/refresh-tokens';
import { TokenBroker } from '../../../lib/oauth/token-broker';
import type { TopDocument } from '../../../lib/oauth/top-frames';
import type { AuditEvent } from '../../../lib/vault/audit-log';
import { openTestVault } from '../vault/vault-fixture';

const ISSUER = 'https://idp.example';
const PAGE = 'https://app.example';

const fetcher = (async (input: string | URL, init?: RequestInit) => {
  const url = String(input);
  const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' } });
  if (url.endsWith('/.well-known/openid-configuration')) return json({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token` });
  const refresh = String(init?.body).includes('grant_type=refresh_token');
  return json({ access_token: refresh ? 'at-refreshed' : 'at-1', token_type: 'Bearer', expires_in: 300, scope: 'openid', refresh_token: 'rt-x' });
}) as typeof fetch;

async function setup() {
  const { vault } = await openTestVault();
  await vault.create('handler master');
  const audit: AuditEvent[] = [];
  const registry = new AgentRegistry({ session: fakeBrowser.storage.session, local: fakeBrowser.storage.local, readManaged: async () => ({}) as never, now: () => 1 });
  const tokens = new TokenBroker({
    local: fakeBrowser.storage.local,
    refreshTokens: vaultRefreshTokens(async () => vault),
    audit: { record: async (event) => void audit.push(event) },
    authorize: async (url) => `https://ext.chromiumapp.org/cb?code=c&state=${new URL(url).searchParams.get('state')}`,
    redirectUri: 'https://ext.chromiumapp.org/cb',
    fetcher,
    now: () => 1_000,
  });
  await tokens.saveProvider({ id: 'idp', issuer: ISSUER, clientId: 'client-1' });
  let top: TopDocument | null = { documentId: 'doc-1', url: `${PAGE}/app` };
  const handler = tokenRequest(tokens, registry, { topDocument: async () => top });
  const sender = (over: Partial<SenderContext> = {}): SenderContext => ({ kind: 'content', origin: PAGE, tabId: 5, windowId: 1, frameId: 0, documentId: 'doc-1', ...over });
  const ask = (over: Partial<SenderContext> = {}) => handler.handle({ provider: 'idp', scopes: ['openid'] }, sender(over));
  /** Approves the next request that waits for the human. */
  const approveNext = async () => {
    await vi.waitFor(() => expect(tokens.pendingRequests().length).toBeGreaterThan(0), { timeout: 5_000 });
    await tokens.decide(tokens.pendingRequests()[0]!.requestId, true, 10);
  };
  return { registry, tokens, audit, ask, approveNext, showTop: (next: TopDocument | null) => (top = next) };
}

describe('token.request handler: who may ask, and where the token goes', () => {
  beforeEach(() => fakeBrowser.reset());

  it('refuses a tab no agent drives, with a stable code, audited', async () => {
    const { ask, audit, tokens } = await setup();
    await expect(ask()).rejects.toMatchObject({ code: 'TOKEN_NOT_AGENT_TAB' });
    expect(tokens.pendingRequests()).toEqual([]);
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_NOT_AGENT_TAB', tabId: 5 });
  });

  it('refuses a sub-frame of an agent tab', async () => {
    const { ask, registry, audit } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    await expect(ask({ frameId: 3 })).rejects.toMatchObject({ code: 'TOKEN_FRAME_FORBIDDEN' });
    expect(audit.at(-1)).toMatchObject({ reason: 'TOKEN_FRAME_FORBIDDEN' });
  });

  it('answers the top frame of an agent tab, the grant recording its tab and agent', async () => {
    const { ask, registry, approveNext, tokens } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    const issued = ask();
    await approveNext();
    expect((await issued).accessToken).toBe('at-1');
    expect(await tokens.grants()).toMatchObject([{ tabId: 5, agent: 'agent 1.0', origin: PAGE }]);
  });

  it('withholds the token when the top frame shows another document by then (TOKEN_DELIVERY_TARGET_GONE)', async () => {
    const { ask, registry, approveNext, audit, showTop } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    const issued = ask();
    showTop({ documentId: 'doc-2', url: `${PAGE}/elsewhere` });
    await approveNext();
    await expect(issued).rejects.toMatchObject({ code: 'TOKEN_DELIVERY_TARGET_GONE' });
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_DELIVERY_TARGET_GONE' });
    expect(JSON.stringify(audit)).not.toContain('at-1');
  });

  it('without document ids (Firefox), the top frame must still be on the asking origin', async () => {
    const { ask, registry, approveNext, showTop } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    showTop({ url: `${PAGE}/app` });
    const same = ask({ documentId: undefined });
    await approveNext();
    expect((await same).accessToken).toBe('at-1');
    showTop({ url: 'https://evil.example/' });
    await expect(ask({ documentId: undefined })).rejects.toMatchObject({ code: 'TOKEN_DELIVERY_TARGET_GONE' });
  });
});
