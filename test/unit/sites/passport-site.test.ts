import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSPORT_SITE_USER, startPassportSite, type PassportSite } from '../../sites/passport-site';
import { attribute, Browser, hiddenFields, type Page } from './browser-like-fetch';

const SESSION_COOKIE = 'passport_site_session';
const FOREIGN = { origin: 'http://attacker.example', referer: 'http://attacker.example/' };

let site: PassportSite;

beforeAll(async () => {
  site = await startPassportSite();
});

afterAll(async () => {
  await site?.close();
});

async function openLogin(browser: Browser): Promise<{ page: Page; fields: Record<string, string> }> {
  const page = await browser.get(site.loginUrl);
  expect(page.status).toBe(200);
  return { page, fields: hiddenFields(page.html) };
}

async function openSpaLogin(browser: Browser): Promise<{ page: Page; token: string }> {
  const page = await browser.get(site.spaLoginUrl);
  expect(page.status).toBe(200);
  return { page, token: attribute(page.html, /<meta name="csrf-token"[^>]*>/, 'content')! };
}

function credentials(password: string = site.password) {
  return { username: site.username, password };
}

describe('Passport site, classic form', () => {
  it('hands out a CSRF token in a hidden field and an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await fetch(site.loginUrl);
    const html = await response.text();
    expect(Object.keys(hiddenFields(html))).toEqual(['_csrf']);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(attribute(html, /<input id="password"[^>]*>/, 'autocomplete')).toBe('current-password');
  });

  it('signs in as a browser does and redirects to the account, in a new session', async () => {
    const browser = new Browser();
    const { page, fields } = await openLogin(browser);
    const before = browser.cookie(site.origin, SESSION_COOKIE);
    const done = await browser.submitFrom(page, '/login', { ...fields, ...credentials() });
    expect(done.url).toBe(`${site.origin}/account`);
    expect(done.html).toContain(`Signed in as ${PASSPORT_SITE_USER.name}`);
    // Passport regenerates the session on sign-in, against session fixation.
    expect(browser.cookie(site.origin, SESSION_COOKIE)).not.toBe(before);
  });

  it('refuses a POST without the token, or with another session\'s token', async () => {
    const browser = new Browser();
    const { page } = await openLogin(browser);
    const noToken = await browser.submitFrom(page, '/login', credentials());
    expect(noToken.status).toBe(403);
    expect(noToken.html).toContain('Invalid or missing CSRF token.');

    const other = await openLogin(new Browser());
    expect((await browser.submitFrom(page, '/login', { ...other.fields, ...credentials() })).status).toBe(403);
    expect((await browser.get(`${site.origin}/account`)).url).toBe(site.loginUrl);
  });

  it('refuses a POST with the right token from a foreign Origin, or from an opaque one', async () => {
    const browser = new Browser();
    const { page, fields } = await openLogin(browser);
    const foreign = await browser.submitFrom(page, '/login', { ...fields, ...credentials() }, { headers: FOREIGN });
    expect(foreign.status).toBe(403);
    expect(foreign.html).toContain('Cross-origin request refused.');
    const opaque = await browser.submitFrom(page, '/login', { ...fields, ...credentials() }, { headers: { origin: 'null' } });
    expect(opaque.status).toBe(403);
    const otherPort = await browser.submitFrom(page, '/login', { ...fields, ...credentials() }, { headers: { origin: 'http://127.0.0.1:1' } });
    expect(otherPort.status).toBe(403);
    expect((await browser.get(`${site.origin}/account`)).url).toBe(site.loginUrl);
  });

  it('refuses a wrong password with the form again, the name kept and the password not echoed', async () => {
    const browser = new Browser();
    const { page, fields } = await openLogin(browser);
    const refused = await browser.submitFrom(page, '/login', { ...fields, ...credentials('not the password') });
    expect(refused.status).toBe(401);
    expect(refused.html).toContain('role="alert"');
    expect(refused.html).toContain('Incorrect email address or password.');
    expect(attribute(refused.html, /<input id="username"[^>]*>/, 'value')).toBe(site.username);
    expect(refused.html).not.toContain('not the password');
    // The form it shows again works.
    const done = await browser.submitFrom(refused, '/login', { ...hiddenFields(refused.html), ...credentials() });
    expect(done.html).toContain(`Signed in as ${PASSPORT_SITE_USER.name}`);
  });

  it('keeps the account closed to a browser that lost its session cookie', async () => {
    const browser = new Browser();
    const { page, fields } = await openLogin(browser);
    await browser.submitFrom(page, '/login', { ...fields, ...credentials() });
    expect((await browser.get(`${site.origin}/account`)).html).toContain('Signed in as');

    browser.dropCookie(site.origin, SESSION_COOKIE);
    const closed = await browser.get(`${site.origin}/account`);
    expect(closed.url).toBe(site.loginUrl);
    expect(closed.html).not.toContain('Signed in as');
  });

  it('signs out with the token the account page gives', async () => {
    const browser = new Browser();
    const { page, fields } = await openLogin(browser);
    const account = await browser.submitFrom(page, '/login', { ...fields, ...credentials() });
    const out = await browser.submitFrom(account, '/logout', hiddenFields(account.html));
    expect(out.url).toBe(site.loginUrl);
    expect((await browser.get(`${site.origin}/account`)).url).toBe(site.loginUrl);
  });
});

describe('Passport site, app version', () => {
  it('serves a form its script submits, the token in a meta tag', async () => {
    const { page, token } = await openSpaLogin(new Browser());
    expect(token).toMatch(/^[0-9a-f]{256}$/);
    expect(page.html).toContain("fetch('/api/login'");
    expect(page.html).toContain("'x-csrf-token': token");
    expect(Object.keys(hiddenFields(page.html))).toEqual([]);
  });

  it('signs in with JSON and the x-csrf-token header, then answers who is signed in', async () => {
    const browser = new Browser();
    const { page, token } = await openSpaLogin(browser);
    const answer = await browser.submitFrom(page, site.apiLoginUrl, credentials(), { json: true, headers: { 'x-csrf-token': token } });
    expect(answer.status).toBe(200);
    const result = JSON.parse(answer.html) as { ok: boolean; name: string; csrfToken: string };
    expect(result).toMatchObject({ ok: true, name: PASSPORT_SITE_USER.name });
    // A new session, so a new token: the one the page had no longer works.
    expect(result.csrfToken).not.toBe(token);
    const account = await browser.get(`${site.origin}/api/account`);
    expect(JSON.parse(account.html)).toEqual({ ok: true, username: site.username, name: PASSPORT_SITE_USER.name });
  });

  it('refuses JSON without the header, or from a foreign Origin', async () => {
    const browser = new Browser();
    const { page, token } = await openSpaLogin(browser);
    const noHeader = await browser.submitFrom(page, site.apiLoginUrl, credentials(), { json: true });
    expect(noHeader.status).toBe(403);
    expect(JSON.parse(noHeader.html)).toEqual({ ok: false, error: 'Invalid or missing CSRF token.' });
    const foreign = await browser.submitFrom(page, site.apiLoginUrl, credentials(), {
      json: true,
      headers: { 'x-csrf-token': token, ...FOREIGN },
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.html)).toEqual({ ok: false, error: 'Cross-origin request refused.' });
    expect((await browser.get(`${site.origin}/api/account`)).status).toBe(401);
  });

  it('refuses a wrong password without echoing it, and keeps the account closed', async () => {
    const browser = new Browser();
    const { page, token } = await openSpaLogin(browser);
    const refused = await browser.submitFrom(page, site.apiLoginUrl, credentials('not the password'), {
      json: true,
      headers: { 'x-csrf-token': token },
    });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.html)).toEqual({ ok: false, error: 'Incorrect email address or password.' });
    expect((await browser.get(`${site.origin}/api/account`)).status).toBe(401);
  });

  it('refuses a form POST the script did not make (no token)', async () => {
    const browser = new Browser();
    const { page } = await openSpaLogin(browser);
    expect((await browser.submitFrom(page, '/spa-login', credentials())).status).toBe(403);
  });
});
