import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { AgentRegistry } from '../../../lib/agent/registry';
import { tokenRequest } from '../../../lib/background/handlers/token-request';
import { randomBase64Url } from '../../../lib/encoding/base64url';
import type { SenderContext } from '../../../lib/messaging/sender';
import { vaultRefreshTokens } from '../../../lib/oauth/refresh-tokens';
import { TokenBroker } from '../../../lib/oauth/token-broker';
import type { TopDocument } from '../../../lib/oauth/token-delivery';
import type { TokenPushMessage } from '../../../lib/messaging/push';
import type { AuditEvent } from '../../../lib/vault/audit-log';
import { openTestVault } from '../vault/vault-fixture';
import { agentKeys, SOME_AGENT_KEY } from '../oauth/token-fakes';

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
  const hooks = { duringSignIn: () => {} };
  let top: TopDocument | null = { documentId: 'doc-1', url: `${PAGE}/app` };
  const sent: Array<{ tabId: number; documentId: string | undefined; message: TokenPushMessage }> = [];
  let documentGone = false;
  const registry = new AgentRegistry({ session: fakeBrowser.storage.session, local: fakeBrowser.storage.local, readManaged: async () => ({}) as never, now: () => 1 });
  const tokens = new TokenBroker({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    delivery: {
      topDocument: async () => top,
      send: async (tabId, documentId, message) => {
        // As tabs.sendMessage with a documentId rejects once that document is gone.
        if (documentGone) throw new Error('Could not establish connection. Receiving end does not exist.');
        sent.push({ tabId, documentId, message });
      },
    },
    refreshTokens: vaultRefreshTokens(async () => vault),
    audit: { record: async (event) => void audit.push(event) },
    authorize: async (url) => {
      hooks.duringSignIn();
      return `https://ext.chromiumapp.org/cb?code=c&state=${new URL(url).searchParams.get('state')}`;
    },
    redirectUri: 'https://ext.chromiumapp.org/cb',
    fetcher,
    now: () => 1_000,
  });
  await tokens.saveProvider({ id: 'idp', issuer: ISSUER, clientId: 'client-1' });
  const handler = tokenRequest(tokens, registry);
  const sender = (over: Partial<SenderContext> = {}): SenderContext => ({ kind: 'content', origin: PAGE, tabId: 5, windowId: 1, frameId: 0, documentId: 'doc-1', ...over });
  /** Asks as the content script does, then waits for the answer pushed for its ticket. */
  const agentKey = agentKeys();
  const ask = async (over: Partial<SenderContext> = {}, drawn: string = randomBase64Url(16)) => {
    const keys = await agentKey;
    const { ticket } = await handler.handle(handler.parse({ provider: 'idp', scopes: ['openid'], ticket: drawn, encryptTo: keys.encryptTo }), sender(over));
    return {
      ticket,
      keys,
      answer: async () => {
        await vi.waitFor(() => expect(sent.some((s) => s.message.ticket === ticket)).toBe(true), { timeout: 5_000 });
        return sent.find((s) => s.message.ticket === ticket)!;
      },
    };
  };
  /** Approves the next request that waits for the human. */
  const approveNext = async () => {
    await vi.waitFor(async () => expect((await tokens.pendingRequests()).length).toBeGreaterThan(0), { timeout: 5_000 });
    await tokens.decide((await tokens.pendingRequests())[0]!.requestId, true, 10);
  };
  return { handler, registry, tokens, audit, ask, approveNext, sent, hooks, showTop: (next: TopDocument | null) => (top = next), goneDocument: () => (documentGone = true) };
}

describe('token.request handler: who may ask, and where the token goes', () => {
  beforeEach(() => fakeBrowser.reset());

  it('refuses a tab no agent drives, with a stable code, audited', async () => {
    const { ask, audit, tokens } = await setup();
    await expect(ask()).rejects.toMatchObject({ code: 'TOKEN_NOT_AGENT_TAB' });
    expect(await tokens.pendingRequests()).toEqual([]);
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_NOT_AGENT_TAB', tabId: 5 });
  });

  it('asked again under the same ticket (no reply reached the page: the worker stopped), it keeps one request and answers it once', async () => {
    const { ask, registry, approveNext, tokens, audit, sent } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    const ticket = randomBase64Url(16);
    const first = await ask({}, ticket);
    expect((await ask({}, ticket)).ticket).toBe(ticket);
    expect(await tokens.pendingRequests()).toHaveLength(1);
    expect(audit.filter((e) => e.reason === 'TOKEN_REQUESTED')).toHaveLength(1);
    await approveNext();
    expect((await first.answer()).message.result).toMatchObject({ ok: true });
    expect(sent.filter((s) => s.message.ticket === ticket)).toHaveLength(1);
  });

  it('refuses a ticket another tab\'s request holds, and a ticket that is not 22 base64url characters', async () => {
    const { ask, handler, registry, tokens } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    await registry.observe(6, 'handshake', 'agent 1.0');
    const ticket = randomBase64Url(16);
    await ask({}, ticket);
    await expect(ask({ tabId: 6 }, ticket)).rejects.toMatchObject({ code: 'MESSAGE_MALFORMED' });
    expect(await tokens.pendingRequests()).toMatchObject([{ tabId: 5 }]);
    for (const bad of [undefined, '', 'short', 'x'.repeat(21) + '!', 'y'.repeat(23)]) {
      expect(() => handler.parse({ provider: 'idp', scopes: ['openid'], ticket: bad, encryptTo: SOME_AGENT_KEY })).toThrow(expect.objectContaining({ code: 'MESSAGE_MALFORMED' }));
    }
  });

  it('refuses a key that is no point of P-256 before the human is asked, audited', async () => {
    const { handler, registry, tokens, audit } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    const offCurve = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) } as const;
    const sender: SenderContext = { kind: 'content', origin: PAGE, tabId: 5, windowId: 1, frameId: 0, documentId: 'doc-1' };
    await expect(handler.handle(handler.parse({ provider: 'idp', scopes: ['openid'], ticket: randomBase64Url(16), encryptTo: offCurve }), sender)).rejects.toMatchObject({ code: 'PROTOCOL_MALFORMED' });
    expect(await tokens.pendingRequests()).toEqual([]);
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'PROTOCOL_MALFORMED', tabId: 5 });
  });

  it('refuses a sub-frame of an agent tab', async () => {
    const { ask, registry, audit } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    await expect(ask({ frameId: 3 })).rejects.toMatchObject({ code: 'TOKEN_FRAME_FORBIDDEN' });
    expect(audit.at(-1)).toMatchObject({ reason: 'TOKEN_FRAME_FORBIDDEN' });
  });

  it('answers with a ticket; the token goes to the asking document only (its documentId), and the grant records tab and agent', async () => {
    const { ask, registry, approveNext, tokens } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    const asked = await ask();
    await approveNext();
    const delivered = await asked.answer();
    expect(delivered).toMatchObject({ tabId: 5, documentId: 'doc-1', message: { airlock: 'push-token', result: { ok: true, token: { provider: 'idp', scope: 'openid', sealedAccessToken: expect.any(String) } } } });
    // Sealed to the key the agent sent: the token itself is nowhere in the message, and that key opens it.
    expect(JSON.stringify(delivered)).not.toContain('at-1');
    const { result } = delivered.message;
    expect(result.ok && (await asked.keys.open(result.token)).accessToken).toBe('at-1');
    expect(await tokens.grants()).toMatchObject([{ tabId: 5, agent: 'agent 1.0', origin: PAGE }]);
  });

  it('withholds the token when the top frame shows another document by then (TOKEN_DELIVERY_TARGET_GONE), telling only the asking document', async () => {
    const { ask, registry, approveNext, audit, showTop, sent, hooks } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    const asked = await ask();
    hooks.duringSignIn = () => showTop({ documentId: 'doc-2', url: `${PAGE}/elsewhere` });
    await approveNext();
    expect((await asked.answer()).message.result).toMatchObject({ ok: false, error: { code: 'TOKEN_DELIVERY_TARGET_GONE' } });
    expect(sent.map((s) => s.documentId)).toEqual(['doc-1']);
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_DELIVERY_TARGET_GONE' });
    expect(JSON.stringify([audit, sent])).not.toContain('at-1');
  });

  it('a request whose document is gone before the human decides is dropped, audited, and never offered for approval', async () => {
    const { ask, registry, tokens, audit, showTop, sent } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    await ask();
    showTop({ documentId: 'doc-2', url: `${PAGE}/elsewhere` });
    expect(await tokens.pendingRequests()).toEqual([]);
    expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_DELIVERY_TARGET_GONE' });
    expect(sent).toEqual([]);
  });

  it('a document gone by delivery time gets nothing, and the withheld token is audited', async () => {
    const { ask, registry, approveNext, audit, sent, goneDocument } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    await ask();
    goneDocument();
    await approveNext();
    await vi.waitFor(() => expect(audit.at(-1)).toMatchObject({ kind: 'refusal', reason: 'TOKEN_DELIVERY_TARGET_GONE' }));
    expect(sent).toEqual([]);
  });

  it('without document ids (Firefox), the top frame must still be on the asking origin', async () => {
    const { ask, registry, approveNext, showTop } = await setup();
    await registry.observe(5, 'handshake', 'agent 1.0');
    showTop({ url: `${PAGE}/app` });
    const same = await ask({ documentId: undefined });
    await approveNext();
    expect((await same.answer()).message.result).toMatchObject({ ok: true });
    showTop({ url: 'https://evil.example/' });
    const moved = await ask({ documentId: undefined });
    expect((await moved.answer()).message.result).toMatchObject({ ok: false, error: { code: 'TOKEN_DELIVERY_TARGET_GONE' } });
  });
});
