import { describe, expect, it } from 'vitest';
import { FALLBACK_REDIRECT_URI, tokenAuthorizer, type IdentityApi } from '../../../lib/oauth/token-authorizer';

const URL_ = 'https://idp.example/auth?response_type=code&client_id=c&state=s';

function humanWindow() {
  const calls: Array<[string, number, string]> = [];
  return { calls, authorizeInWindow: async (url: string, tabId: number, agent: string) => (calls.push([url, tabId, agent]), 'https://ext.chromiumapp.org/?code=w&state=s') };
}

describe('tokenAuthorizer: identity.launchWebAuthFlow, or the human window where it is missing', () => {
  it('uses launchWebAuthFlow where the browser offers it, and its redirect URI', async () => {
    const launched: string[] = [];
    const identity: IdentityApi = {
      launchWebAuthFlow: async ({ url }) => (launched.push(url), 'https://ext.chromiumapp.org/?code=l&state=s'),
      getRedirectURL: () => 'https://ext.chromiumapp.org/',
    };
    const window = humanWindow();
    const authorizer = tokenAuthorizer(identity, window);
    expect(authorizer.redirectUri).toBe('https://ext.chromiumapp.org/');
    expect(await authorizer.authorize(URL_, { tabId: 3, agent: 'a' })).toContain('code=l');
    expect(launched).toEqual([URL_]);
    expect(window.calls).toEqual([]);
  });

  it('runs the same request in the human window where launchWebAuthFlow is missing, with the same redirect URI', async () => {
    const window = humanWindow();
    const authorizer = tokenAuthorizer({ getRedirectURL: () => 'https://ext.chromiumapp.org/' }, window);
    expect(authorizer.redirectUri).toBe('https://ext.chromiumapp.org/');
    expect(await authorizer.authorize(URL_, { tabId: 3, agent: 'a' })).toContain('code=w');
    expect(window.calls).toEqual([[URL_, 3, 'a']]);
  });

  it('decides at each request: an API that goes away later is not called', async () => {
    const identity: IdentityApi = { launchWebAuthFlow: async () => 'https://ext.chromiumapp.org/?code=l&state=s' };
    const window = humanWindow();
    const authorizer = tokenAuthorizer(identity, window);
    delete identity.launchWebAuthFlow;
    await authorizer.authorize(URL_, { tabId: 1, agent: '' });
    expect(window.calls).toHaveLength(1);
  });

  it('without any identity API: a redirect URI under .invalid, and the human window', async () => {
    const window = humanWindow();
    const authorizer = tokenAuthorizer(undefined, window);
    expect(authorizer.redirectUri).toBe(FALLBACK_REDIRECT_URI);
    expect(new URL(FALLBACK_REDIRECT_URI).hostname.endsWith('.invalid')).toBe(true);
    await authorizer.authorize(URL_, { tabId: 1, agent: '' });
    expect(window.calls).toHaveLength(1);
  });

  it('an empty answer from launchWebAuthFlow is a denial', async () => {
    const authorizer = tokenAuthorizer({ launchWebAuthFlow: async () => undefined }, humanWindow());
    await expect(authorizer.authorize(URL_, { tabId: 1, agent: '' })).rejects.toMatchObject({ code: 'TOKEN_REQUEST_DENIED' });
  });
});
