import { describe, expect, it } from 'vitest';
import { parseAgentRequest } from '../../../lib/protocol/validate';

const base = { channel: 'airlock-agent', v: 1, id: 'r1' };

describe('agent protocol: broker requests', () => {
  it('accepts `oauth` and a well-formed `token` request, keeping only the known fields', () => {
    expect(parseAgentRequest({ ...base, type: 'oauth', extra: 1 })).toEqual({ ...base, type: 'oauth' });
    expect(parseAgentRequest({ ...base, type: 'token', provider: 'local-id', scopes: ['openid', 'profile', 'openid'], lifetime: 9999 })).toEqual({
      ...base,
      type: 'token',
      provider: 'local-id',
      scopes: ['openid', 'profile'],
    });
  });

  it.each([
    ['no provider', { scopes: ['openid'] }],
    ['a provider with markup', { provider: '<b>x</b>', scopes: ['openid'] }],
    ['no scopes', { provider: 'p', scopes: [] }],
    ['a scope with a space', { provider: 'p', scopes: ['openid profile'] }],
    ['a scope with a quote (RFC 6749 §3.3)', { provider: 'p', scopes: ['a"b'] }],
    ['scopes that are no list', { provider: 'p', scopes: 'openid' }],
  ])('refuses a token request with %s', (_name, fields) => {
    expect(() => parseAgentRequest({ ...base, type: 'token', ...fields })).toThrow(expect.objectContaining({ code: 'PROTOCOL_MALFORMED' }));
  });
});
