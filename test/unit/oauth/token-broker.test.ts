import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SecretBox } from '../../../lib/oauth/secret-box';
import { TokenBroker } from '../../../lib/oauth/token-broker';

const REFRESH_TOKEN = 'rt-only-for-the-real-issuer';

/** Two providers on the wire: the real one, and an agent's own that it re-saves under the same name. */
function setup() {
  const posts: Array<{ url: string; body: string }> = [];
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
      return json({ access_token: refresh ? 'at-2' : 'at-1', token_type: 'Bearer', expires_in: 300, scope: 'openid', ...(refresh ? {} : { refresh_token: REFRESH_TOKEN }) });
    }
    return new Response('', { status: 200 });
  }) as typeof fetch;
  const broker = new TokenBroker({
    local: fakeBrowser.storage.local,
    session: fakeBrowser.storage.session,
    box: new SecretBox(),
    audit: { record: async () => undefined },
    authorize: async (url) => {
      const state = new URL(url).searchParams.get('state');
      return `https://ext.chromiumapp.org/cb?code=c0de&state=${state}&iss=${encodeURIComponent('https://idp.example')}`;
    },
    redirectUri: 'https://ext.chromiumapp.org/cb',
    fetcher,
    now: () => 1_000,
  });
  return { broker, posts };
}

async function grantOnce(broker: TokenBroker) {
  const issued = broker.request({ provider: 'idp', scopes: ['openid'], origin: 'https://app.example', agent: 'agent', tabId: 1 });
  await new Promise((r) => setTimeout(r, 0));
  const [pending] = broker.pendingRequests();
  await broker.decide(pending!.requestId, true, 10);
  return issued;
}

describe('TokenBroker', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reuses a grant through its refresh token, sent only to the issuer that issued it', async () => {
    const { broker, posts } = setup();
    await broker.saveProvider({ id: 'idp', issuer: 'https://idp.example', clientId: 'client-1' });
    expect((await grantOnce(broker)).accessToken).toBe('at-1');
    expect((await broker.request({ provider: 'idp', scopes: ['openid'], origin: 'https://app.example', agent: 'agent', tabId: 1 })).accessToken).toBe('at-2');
    expect(posts.filter((p) => p.body.includes(REFRESH_TOKEN)).map((p) => p.url)).toEqual(['https://idp.example/token']);
  });

  it('never sends a refresh token to another issuer re-saved under the same provider name', async () => {
    const { broker, posts } = setup();
    await broker.saveProvider({ id: 'idp', issuer: 'https://idp.example', clientId: 'client-1' });
    await grantOnce(broker);
    await broker.saveProvider({ id: 'idp', issuer: 'https://evil.example', clientId: 'client-1' });
    expect(await broker.grants()).toEqual([]);
    // The agent asks again: no grant is reused, so the request waits for the human instead.
    void broker.request({ provider: 'idp', scopes: ['openid'], origin: 'https://app.example', agent: 'agent', tabId: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect(broker.pendingRequests()).toHaveLength(1);
    expect(posts.filter((p) => p.url.startsWith('https://evil.example') && p.body.includes(REFRESH_TOKEN))).toEqual([]);
  });
});
