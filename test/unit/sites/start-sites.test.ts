import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateTotp, SITE_CARD, SITE_USERS, startSites, type RunningSites } from '../../sites/start-sites';
import { attribute, Browser } from './browser-like-fetch';

const ada = SITE_USERS.ada;
let sites: RunningSites;

beforeAll(async () => {
  sites = await startSites();
});

afterAll(async () => {
  await sites?.close();
});

beforeEach(() => {
  sites.clearRecords();
});

function pathEntries(site: string, path: string) {
  return sites.log.filter((entry) => entry.site === site && entry.path === path && entry.method === 'POST');
}

describe('startSites', () => {
  it('puts every site on its own loopback origin', () => {
    const origins = Object.values(sites.urls).map((url) => new URL(url));
    expect(new Set(origins.map((url) => url.origin)).size).toBe(6);
    for (const url of origins) expect(url.hostname).toBe('127.0.0.1');
  });

  it('never records a submitted value, only field names', async () => {
    const browser = new Browser();
    await browser.post(`${sites.urls.signIn}/login`, { email: ada.username, password: ada.password });
    await browser.post(`${sites.urls.settings}/password`, { current_password: ada.password, new_password: 'n3w pass phrase', confirm_password: 'n3w pass phrase' });
    const recorded = JSON.stringify(sites.log);
    expect(recorded).not.toContain(ada.password);
    expect(recorded).not.toContain('n3w pass phrase');
    expect(pathEntries('signIn', '/login')[0]?.fields).toEqual(['email', 'password']);
  });
});

describe('sign-in site', () => {
  it('renders a labelled login form with autocomplete tokens', async () => {
    const page = await new Browser().get(`${sites.urls.signIn}/login`);
    expect(page.html).toContain('<label for="email">');
    expect(attribute(page.html, /<input id="password"[^>]*>/, 'autocomplete')).toBe('current-password');
    expect(attribute(page.html, /<input id="email"[^>]*>/, 'autocomplete')).toBe('username');
  });

  it('signs in with the right password and shows the account', async () => {
    const browser = new Browser();
    const page = await browser.post(`${sites.urls.signIn}/login`, { email: ada.username, password: ada.password });
    expect(page.url).toBe(`${sites.urls.signIn}/account`);
    expect(page.html).toContain('Signed in as Ada Lovelace');
    expect(pathEntries('signIn', '/login')).toMatchObject([{ ok: true, status: 303 }]);
  });

  it('refuses a wrong password and keeps the account page closed', async () => {
    const browser = new Browser();
    const page = await browser.post(`${sites.urls.signIn}/login`, { email: ada.username, password: 'wrong' });
    expect(page.status).toBe(401);
    expect(page.html).toContain('role="alert"');
    expect(pathEntries('signIn', '/login')).toMatchObject([{ ok: false, status: 401 }]);
    expect((await browser.get(`${sites.urls.signIn}/account`)).url).toBe(`${sites.urls.signIn}/login`);
  });

  it('serves the script-rendered login and accepts its JSON submission', async () => {
    const browser = new Browser();
    const page = await browser.get(`${sites.urls.signIn}/login-spa`);
    expect(page.html).toContain('id="app"');
    expect(page.html).not.toContain('<form');
    const refused = await browser.post(`${sites.urls.signIn}/api/login`, { email: ada.username, password: '' }, true);
    expect(refused.status).toBe(401);
    const accepted = await browser.post(`${sites.urls.signIn}/api/login`, { email: ada.username, password: ada.password }, true);
    expect(JSON.parse(accepted.html)).toEqual({ ok: true, name: 'Ada Lovelace' });
    expect((await browser.get(`${sites.urls.signIn}/account`)).html).toContain('Signed in as Ada Lovelace');
  });

  it('asks for a TOTP code on a second page and accepts only a current one', async () => {
    const browser = new Browser();
    const step2 = await browser.post(`${sites.urls.signIn}/login-totp`, { email: ada.username, password: ada.password });
    expect(step2.url).toBe(`${sites.urls.signIn}/login-totp/code`);
    expect(attribute(step2.html, /<input id="otp"[^>]*>/, 'autocomplete')).toBe('one-time-code');

    const stale = generateTotp(ada.totpSecret, Date.now() - 10 * 60_000);
    expect((await browser.post(`${sites.urls.signIn}/login-totp/code`, { otp: stale })).status).toBe(401);
    const done = await browser.post(`${sites.urls.signIn}/login-totp/code`, { otp: generateTotp(ada.totpSecret) });
    expect(done.url).toBe(`${sites.urls.signIn}/account`);
    expect(done.html).toContain('Signed in as Ada Lovelace');
  });
});

describe('multi-step site', () => {
  it('asks for the username, then for the password on a new document', async () => {
    const browser = new Browser();
    const step1 = await browser.get(sites.urls.multiStep);
    expect(step1.html).toContain('id="username"');
    expect(step1.html).not.toContain('type="password"');
    const step2 = await browser.post(`${sites.urls.multiStep}/identifier`, { username: ada.username });
    expect(step2.url).toBe(`${sites.urls.multiStep}/password`);
    expect(attribute(step2.html, /<input id="password"[^>]*>/, 'autocomplete')).toBe('current-password');
    const done = await browser.post(`${sites.urls.multiStep}/password`, { username: ada.username, password: ada.password });
    expect(done.html).toContain('Signed in as Ada Lovelace');
  });

  it('rejects a wrong password at step 2', async () => {
    const browser = new Browser();
    await browser.post(`${sites.urls.multiStep}/identifier`, { username: ada.username });
    expect((await browser.post(`${sites.urls.multiStep}/password`, { password: 'nope' })).status).toBe(401);
  });
});

describe('shop site', () => {
  async function openCheckout(browser: Browser) {
    const page = await browser.get(`${sites.urls.shop}/checkout`);
    return { page, token: attribute(page.html, /<input type="hidden" name="checkout_token"[^>]*>/, 'value')! };
  }

  const card = { card_holder: SITE_CARD.holder, card_number: SITE_CARD.number, card_expiry: SITE_CARD.expiry, card_cvc: SITE_CARD.cvc };

  it('shows amount, payee and card fields with cc-* autocomplete', async () => {
    const { page } = await openCheckout(new Browser());
    expect(page.html).toContain('Total: €42.00');
    expect(page.html).toContain('Pay Example Shop Ltd');
    for (const token of ['cc-name', 'cc-number', 'cc-exp', 'cc-csc']) expect(page.html).toContain(`autocomplete="${token}"`);
    expect(page.html).toContain('Place order');
  });

  it('records an order once and refuses the same checkout twice', async () => {
    const browser = new Browser();
    const { token } = await openCheckout(browser);
    const first = await browser.post(`${sites.urls.shop}/order`, { checkout_token: token, ...card });
    expect(first.status).toBe(200);
    expect(first.html).toMatch(/Order <strong id="order-number">EX-\d+<\/strong> is confirmed/);
    const second = await browser.post(`${sites.urls.shop}/order`, { checkout_token: token, ...card });
    expect(second.status).toBe(409);

    expect(sites.shop.orders).toHaveLength(1);
    expect(sites.shop.orders[0]).toMatchObject({ amount: '42.00', amountMinor: 4200, currency: 'EUR', payee: 'Example Shop Ltd' });
    expect(sites.shop.attempts.map((attempt) => attempt.status)).toEqual(['placed', 'duplicate']);
    expect(pathEntries('shop', '/order').map((entry) => entry.ok)).toEqual([true, false]);
  });

  it('charges the cart total and declines an invalid card without using up the checkout', async () => {
    const browser = new Browser();
    await browser.post(`${sites.urls.shop}/cart`, { product: 'walnut-desk-organiser', quantity: '2' });
    const { page, token } = await openCheckout(browser);
    expect(page.html).toContain('Total: €84.00');
    const declined = await browser.post(`${sites.urls.shop}/order`, { checkout_token: token, ...card, card_number: '4242 4242 4242 4241' });
    expect(declined.status).toBe(422);
    expect((await browser.post(`${sites.urls.shop}/order`, { checkout_token: token, ...card })).status).toBe(200);
    expect(sites.shop.orders.map((order) => order.amount)).toEqual(['84.00']);
    expect(sites.shop.attempts.map((attempt) => attempt.status)).toEqual(['card-declined', 'placed']);
  });
});

describe('settings site', () => {
  it('records a password change with its field names', async () => {
    const browser = new Browser();
    const page = await browser.post(`${sites.urls.settings}/password`, {
      username: ada.username,
      current_password: ada.password,
      new_password: 'another long phrase',
      confirm_password: 'another long phrase',
    });
    expect(page.html).toContain('Your password has been changed.');
    expect(pathEntries('settings', '/password')).toMatchObject([
      { ok: true, fields: ['username', 'current_password', 'new_password', 'confirm_password'] },
    ]);
  });

  it('records each kind of change, refused ones included', async () => {
    const browser = new Browser();
    expect((await browser.post(`${sites.urls.settings}/password`, { current_password: 'wrong', new_password: 'x', confirm_password: 'x' })).status).toBe(422);
    expect((await browser.post(`${sites.urls.settings}/email`, { email: 'ada@new.example.test' })).html).toContain('confirmation link');
    expect((await browser.post(`${sites.urls.settings}/api-keys`, { key_name: 'ci', key_scope: 'read' })).status).toBe(201);
    expect((await browser.post(`${sites.urls.settings}/delete-account`, { confirm: 'yes' })).html).toContain('scheduled for deletion');
    const posts = sites.log.filter((entry) => entry.site === 'settings' && entry.method === 'POST');
    expect(posts.map((entry) => [entry.path, entry.ok])).toEqual([
      ['/password', false],
      ['/email', true],
      ['/api-keys', true],
      ['/delete-account', true],
    ]);
  });
});

describe('OpenID provider and relying party', () => {
  async function startSignIn(browser: Browser, mode: 'popup' | 'redirect') {
    const home = await browser.get(`${sites.urls.relyingParty}/?mode=${mode}`);
    return attribute(home.html, /<a id="sign-in"[^>]*>/, 'href')!;
  }

  async function signInAtProvider(browser: Browser, authorizeUrl: string) {
    const login = await browser.get(authorizeUrl);
    expect(login.url).toMatch(new RegExp(`^${sites.urls.oidcIssuer}/interaction/[\\w-]+$`));
    expect(login.html).toContain('Sign in with Local ID');
    const consent = await browser.post(`${login.url}/login`, { email: ada.username, password: ada.password });
    expect(consent.html).toContain('wants to access your Local ID account');
    return browser.post(`${consent.url}/confirm`, {});
  }

  it('publishes discovery with PKCE S256, userinfo and revocation', async () => {
    const metadata = (await (await fetch(`${sites.urls.oidcIssuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(sites.oidc.issuer);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.userinfo_endpoint).toBeTypeOf('string');
    expect(metadata.revocation_endpoint).toBeTypeOf('string');
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
  });

  it('signs in through the redirect flow: authorize, login, consent, callback', async () => {
    const browser = new Browser();
    const authorizeUrl = new URL(await startSignIn(browser, 'redirect'));
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const done = await signInAtProvider(browser, authorizeUrl.href);
    expect(done.url).toBe(`${sites.urls.relyingParty}/`);
    expect(done.html).toContain('Signed in as Ada Lovelace');
    expect(sites.log.find((entry) => entry.site === 'relyingParty' && entry.path === '/callback')?.fields).toEqual(
      expect.arrayContaining(['code', 'state', 'iss']),
    );
  });

  it('ends the pop-up flow by posting the result to the opener', async () => {
    const browser = new Browser();
    const done = await signInAtProvider(browser, await startSignIn(browser, 'popup'));
    expect(done.url).toMatch(/\/callback\?/);
    expect(done.html).toContain('window.opener.postMessage({"type":"local-id:signed-in","name":"Ada Lovelace"}, location.origin)');
    expect((await browser.get(sites.urls.relyingParty)).html).toContain('Signed in as Ada Lovelace');
  });

  it('rejects a callback whose state it did not issue', async () => {
    const browser = new Browser();
    await startSignIn(browser, 'redirect');
    const page = await browser.get(`${sites.urls.relyingParty}/callback?code=abc&state=forged`);
    expect(page.status).toBe(400);
    expect(page.html).toContain('state mismatch');
  });

  it('reports a denied consent back to the relying party', async () => {
    const browser = new Browser();
    const login = await browser.get(await startSignIn(browser, 'redirect'));
    const consent = await browser.post(`${login.url}/login`, { email: ada.username, password: ada.password });
    const denied = await browser.post(`${consent.url}/abort`, {});
    expect(denied.url).toBe(`${sites.urls.relyingParty}/?mode=redirect&error=access_denied`);
    expect(denied.html).toContain('Sign-in did not complete (access_denied)');
  });

  it('lets the broker client obtain tokens with PKCE at an extension redirect URI', async () => {
    const browser = new Browser();
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL(`${sites.oidc.issuer}/auth`);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: sites.oidc.brokerClientId,
      redirect_uri: sites.oidc.brokerRedirectUri,
      scope: 'openid email offline_access',
      prompt: 'consent',
      state: 'broker-state',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    const done = await signInAtProvider(browser, authorize.href);
    const result = new URL(done.location!);
    expect(result.origin + result.pathname).toBe(sites.oidc.brokerRedirectUri);
    expect(result.searchParams.get('state')).toBe('broker-state');

    const tokenResponse = await fetch(`${sites.oidc.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: sites.oidc.brokerClientId,
        code: result.searchParams.get('code')!,
        redirect_uri: sites.oidc.brokerRedirectUri,
        code_verifier: verifier,
      }),
    });
    const tokens = (await tokenResponse.json()) as Record<string, string>;
    expect(tokenResponse.status).toBe(200);
    expect(tokens.access_token).toBeTypeOf('string');
    expect(tokens.refresh_token).toBeTypeOf('string');

    const userinfo = await fetch(`${sites.oidc.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await userinfo.json()).toMatchObject({ email: ada.username });
    const revoked = await fetch(`${sites.oidc.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.access_token!, client_id: sites.oidc.brokerClientId }),
    });
    expect(revoked.status).toBe(200);
    expect((await fetch(`${sites.oidc.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(401);
  });

  it('answers an interaction page opened without its cookie with a clear error', async () => {
    const browser = new Browser();
    const login = await browser.get(await startSignIn(browser, 'redirect'));
    const stranger = await new Browser().post(`${login.url}/login`, { email: ada.username, password: ada.password });
    expect(stranger.status).toBe(400);
    expect(stranger.html).toContain('session_not_found');
  });

  it('accepts other extension IDs for the broker but no other redirect URI', async () => {
    const authorize = (redirectUri: string) =>
      `${sites.oidc.issuer}/auth?${new URLSearchParams({
        response_type: 'code',
        client_id: sites.oidc.brokerClientId,
        redirect_uri: redirectUri,
        scope: 'openid',
        code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'),
        code_challenge_method: 'S256',
      })}`;
    const otherExtension = await new Browser().get(authorize(`https://${'a'.repeat(32)}.chromiumapp.org/`));
    expect(otherExtension.url).toContain('/interaction/');
    const attacker = await new Browser().get(authorize('https://attacker.example/'));
    expect(attacker.status).toBe(400);
    expect(attacker.html).toContain('redirect_uri');
  });
});
