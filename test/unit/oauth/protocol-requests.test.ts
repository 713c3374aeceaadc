import { describe, expect, it } from 'vitest';
import { parseAgentRequest } from '../../../lib/protocol/validate';

const base = { channel: 'airlock-agent', v: 1, id: 'r1' };
const KEY = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };

describe('agent protocol: broker requests', () => {
  it('accepts `oauth` and a well-formed `token` request, keeping only the known fields', () => {
    expect(parseAgentRequest({ ...base, type: 'oauth', extra: 1 })).toEqual({ ...base, type: 'oauth' });
    expect(parseAgentRequest({ ...base, type: 'token', provider: 'local-id', scopes: ['openid', 'profile', 'openid'], lifetime: 9999, encryptTo: KEY })).toEqual({
      ...base,
      type: 'token',
      provider: 'local-id',
      scopes: ['openid', 'profile'],
      encryptTo: KEY,
    });
  });

  it.each([
    ['no provider', { scopes: ['openid'] }],
    ['a provider with markup', { provider: '<b>x</b>', scopes: ['openid'] }],
    ['no scopes', { provider: 'p', scopes: [] }],
    ['a scope with a space', { provider: 'p', scopes: ['openid profile'] }],
    ['a scope with a quote (RFC 6749 §3.3)', { provider: 'p', scopes: ['a"b'] }],
    ['scopes that are no list', { provider: 'p', scopes: 'openid' }],
    ['no key to seal the token to', { provider: 'p', scopes: ['openid'], encryptTo: undefined }],
    ['a key of another curve', { provider: 'p', scopes: ['openid'], encryptTo: { ...KEY, crv: 'P-384' } }],
    ['a key with its private part', { provider: 'p', scopes: ['openid'], encryptTo: { ...KEY, d: 'x'.repeat(43) } }],
    ['a key with a short coordinate', { provider: 'p', scopes: ['openid'], encryptTo: { ...KEY, x: 'abc' } }],
    ['a symmetric key', { provider: 'p', scopes: ['openid'], encryptTo: { kty: 'oct', k: 'x'.repeat(43) } }],
  ])('refuses a token request with %s', (_name, fields) => {
    expect(() => parseAgentRequest({ ...base, type: 'token', encryptTo: KEY, ...fields })).toThrow(expect.objectContaining({ code: 'PROTOCOL_MALFORMED' }));
  });
});
