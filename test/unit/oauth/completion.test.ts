import { describe, expect, it } from 'vitest';
import { checkCompletion, isRedirectTo, responseParams } from '../../../lib/oauth/completion';
import type { BrokerFlow } from '../../../lib/oauth/flow';
import { recognizeAuthorizationRequest } from '../../../lib/oauth/recognize';

const request = recognizeAuthorizationRequest(
  'https://idp.example/auth?response_type=code&client_id=c&redirect_uri=https%3A%2F%2Frp.example%2Fcallback&scope=openid&state=the-state',
)!;

function flow(overrides: Partial<BrokerFlow> = {}): BrokerFlow {
  return { id: 'f1', variant: 'redirect', status: 'in-progress', originTabId: 1, humanTabId: 2, humanWindowId: 9, request, agent: 'a', createdAt: 0, expiresAt: 1000, ...overrides };
}

const RESPONSE = 'https://rp.example/callback?code=abc&state=the-state&iss=https%3A%2F%2Fidp.example';

describe('checkCompletion', () => {
  it('accepts the response in the human window, with the request\'s state, before the deadline', () => {
    expect(checkCompletion(flow(), 2, RESPONSE, 999)).toEqual({ ok: true });
  });

  it('refuses another state (CSRF, RFC 6749 §10.12), a missing one, another tab, a late one and a flow not continued or ended', () => {
    expect(checkCompletion(flow(), 2, RESPONSE.replace('the-state', 'forged'), 1).code).toBe('OAUTH_STATE_MISMATCH');
    expect(checkCompletion(flow(), 2, 'https://rp.example/callback?code=abc', 1).code).toBe('OAUTH_STATE_MISMATCH');
    expect(checkCompletion(flow(), 1, RESPONSE, 1).code).toBe('OAUTH_WRONG_TAB');
    expect(checkCompletion(flow(), 3, RESPONSE, 1).code).toBe('OAUTH_WRONG_TAB');
    expect(checkCompletion(flow(), 2, RESPONSE, 1000).code).toBe('OAUTH_EXPIRED');
    expect(checkCompletion(flow({ status: 'expired' }), 2, RESPONSE, 1).code).toBe('OAUTH_EXPIRED');
    expect(checkCompletion(flow({ status: 'pending' }), 2, RESPONSE, 1).code).toBe('OAUTH_NOT_CONTINUED');
    expect(checkCompletion(flow({ status: 'completed' }), 2, RESPONSE, 1).code).toBe('OAUTH_FLOW_ENDED');
    expect(checkCompletion(flow({ status: 'denied' }), 2, RESPONSE, 1).code).toBe('OAUTH_FLOW_ENDED');
  });

  it('reads the response from the fragment for implicit and hybrid flows', () => {
    expect(responseParams('https://rp.example/callback#state=s&id_token=x').get('state')).toBe('s');
  });

  it('matches the redirect URI by origin and path only', () => {
    expect(isRedirectTo(flow(), RESPONSE)).toBe(true);
    expect(isRedirectTo(flow(), 'https://rp.example/callback/other?state=the-state')).toBe(false);
    expect(isRedirectTo(flow(), 'https://rp.example.evil.example/callback?state=the-state')).toBe(false);
  });
});
