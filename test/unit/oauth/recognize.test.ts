import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_REQUEST_REGEX, recognizeAuthorizationRequest } from '../../../lib/oauth/recognize';

const RE = new RegExp(AUTHORIZATION_REQUEST_REGEX);

describe('recognizeAuthorizationRequest', () => {
  it('recognises a request to a provider it has never heard of, by its parameters', () => {
    const url =
      'https://login.unknown-idp.example/oauth2/v2/authorize?response_type=code&client_id=app-123&redirect_uri=https%3A%2F%2Fnotes.example%2Fcb&scope=openid%20profile%20email&state=s1&code_challenge=abc&code_challenge_method=S256&prompt=consent%20select_account';
    expect(recognizeAuthorizationRequest(url)).toMatchObject({
      providerOrigin: 'https://login.unknown-idp.example',
      endpoint: 'https://login.unknown-idp.example/oauth2/v2/authorize',
      clientId: 'app-123',
      responseType: 'code',
      redirectUri: 'https://notes.example/cb',
      redirectOrigin: 'https://notes.example',
      scopes: ['openid', 'profile', 'email'],
      state: 's1',
      pkce: true,
      openid: true,
      prompt: ['consent', 'select_account'],
      requestObject: false,
    });
  });

  it('recognises hybrid and implicit response types and pushed requests (RFC 9126)', () => {
    expect(recognizeAuthorizationRequest('https://idp.example/a?client_id=c&response_type=code%20id_token')?.responseType).toBe('code id_token');
    expect(recognizeAuthorizationRequest('https://idp.example/a?client_id=c&response_type=token')).not.toBeNull();
    expect(recognizeAuthorizationRequest('https://idp.example/a?client_id=c&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ax')?.requestObject).toBe(true);
  });

  it.each([
    ['no client_id', 'https://idp.example/a?response_type=code'],
    ['no response_type', 'https://idp.example/a?client_id=c'],
    ['an unknown response_type', 'https://idp.example/a?client_id=c&response_type=banana'],
    ['an empty client_id', 'https://idp.example/a?client_id=&response_type=code'],
    ['a redirect_uri that is no URL', 'https://idp.example/a?client_id=c&response_type=code&redirect_uri=%3A%2F%2F'],
    ['a non-web scheme', 'ftp://idp.example/a?client_id=c&response_type=code'],
    ['a SAML request (out of scope)', 'https://idp.example/saml?SAMLRequest=abc&RelayState=x'],
    ['an ordinary search page', 'https://shop.example/search?q=client_id+response_type'],
  ])('ignores a URL with %s', (_name, url) => {
    expect(recognizeAuthorizationRequest(url)).toBeNull();
  });

  it('the network rule pattern blocks exactly the requests the function recognises (both parameter orders)', () => {
    const urls = [
      'https://idp.example/a?client_id=c&response_type=code',
      'https://idp.example/a?response_type=code&scope=x&client_id=c',
      'http://127.0.0.1:9/auth?state=1&response_type=code&client_id=local-notes&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb',
      'https://idp.example/a?response_type=code',
      'https://idp.example/a#client_id=c&response_type=code',
      'https://shop.example/search?q=client_id+response_type',
      'https://idp.example/a?xclient_id=c&response_type=code',
    ];
    for (const url of urls) expect(RE.test(url), url).toBe(recognizeAuthorizationRequest(url) !== null);
  });
});
