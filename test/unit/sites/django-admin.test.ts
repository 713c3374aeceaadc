import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDjangoAdmin, type DjangoAdmin } from '../../sites/django-admin';
import { attribute, Browser, hiddenFields, type Page } from './browser-like-fetch';

const SESSION_COOKIE = 'django_admin_session';
const CSRF_COOKIE = 'django_admin_csrftoken';

let admin: DjangoAdmin;
let djangoMajor: number;

beforeAll(async () => {
  admin = await startDjangoAdmin();
  djangoMajor = Number(admin.version.split('.')[0]);
}, 30_000);

afterAll(async () => {
  await admin?.close();
});

/** Opens the admin's sign-in page and returns what its form would send, token and `next` included. */
async function openLogin(browser: Browser): Promise<{ page: Page; action: string; fields: Record<string, string> }> {
  const page = await browser.get(admin.loginUrl);
  expect(page.status).toBe(200);
  const action = attribute(page.html, /<form[^>]*id="login-form"[^>]*>/, 'action')!;
  return { page, action, fields: hiddenFields(page.html) };
}

function expectSignedIn(page: Page): void {
  expect(page.url).toBe(`${admin.origin}/admin/`);
  expect(page.html).toContain('Site administration');
  expect(page.html).toContain(`<strong>${admin.username}</strong>`);
}

function expectSignInPage(page: Page): void {
  expect(page.url).toMatch(new RegExp(`^${admin.origin}/admin/login/`));
  expect(page.html).toContain('id="login-form"');
}

describe('Django admin', () => {
  it('serves its own sign-in form with a CSRF token in a hidden field and a cookie', async () => {
    const browser = new Browser();
    const { fields } = await openLogin(browser);
    expect(Object.keys(fields).sort()).toEqual(['csrfmiddlewaretoken', 'next']);
    expect(fields.csrfmiddlewaretoken).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(browser.cookie(admin.origin, CSRF_COOKIE)).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it('signs in as a browser does: token, cookie, Origin and Referer, then a redirect to the admin', async () => {
    const browser = new Browser();
    const { page, action, fields } = await openLogin(browser);
    const done = await browser.submitFrom(page, action, { ...fields, username: admin.username, password: admin.password });
    expectSignedIn(done);
    expect(browser.cookie(admin.origin, SESSION_COOKIE)).toBeTruthy();
    expect(done.html).not.toContain(admin.password);
  });

  it('refuses a POST without the CSRF token, and one without the CSRF cookie', async () => {
    const browser = new Browser();
    const { page, action, fields } = await openLogin(browser);
    const credentials = { next: fields.next!, username: admin.username, password: admin.password };
    const noToken = await browser.submitFrom(page, action, credentials);
    expect(noToken.status).toBe(403);
    expect(noToken.html).toContain('CSRF verification failed');

    browser.dropCookie(admin.origin, CSRF_COOKIE);
    const noCookie = await browser.submitFrom(page, action, { ...fields, ...credentials });
    expect(noCookie.status).toBe(403);
    expect(browser.cookie(admin.origin, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a token that does not belong to the cookie', async () => {
    const browser = new Browser();
    const { page, action, fields } = await openLogin(browser);
    const other = await openLogin(new Browser());
    const refused = await browser.submitFrom(page, action, {
      ...fields,
      csrfmiddlewaretoken: other.fields.csrfmiddlewaretoken!,
      username: admin.username,
      password: admin.password,
    });
    expect(refused.status).toBe(403);
  });

  // Django checks the Origin header from 4.0 on. 3.2 (Debian bookworm's) checks only the Referer,
  // and only over HTTPS: on these plain-HTTP sites its token and cookie are the whole check. The
  // version is known once the site runs, so one test holds both answers.
  it('refuses a foreign Origin from Django 4.0 on; 3.2 over HTTP does not look at it', async () => {
    const browser = new Browser();
    const { page, action, fields } = await openLogin(browser);
    const foreign = await browser.submitFrom(
      page,
      action,
      { ...fields, username: admin.username, password: admin.password },
      { headers: { origin: 'http://attacker.example', referer: 'http://attacker.example/' } },
    );
    if (djangoMajor >= 4) {
      expect(foreign.status).toBe(403);
    } else {
      expectSignedIn(foreign);
    }
  });

  it('refuses a wrong password with its own message, and keeps the admin closed', async () => {
    const browser = new Browser();
    const { page, action, fields } = await openLogin(browser);
    const refused = await browser.submitFrom(page, action, { ...fields, username: admin.username, password: 'not the password' });
    expect(refused.status).toBe(200);
    expectSignInPage(refused);
    expect(refused.html).toContain('Please enter the correct username and password for a staff account.');
    expect(refused.html).not.toContain('not the password');
    expectSignInPage(await browser.get(`${admin.origin}/admin/`));
  });

  it('keeps the admin closed to a browser that lost its session cookie', async () => {
    const browser = new Browser();
    const { page, action, fields } = await openLogin(browser);
    expectSignedIn(await browser.submitFrom(page, action, { ...fields, username: admin.username, password: admin.password }));
    expectSignedIn(await browser.get(`${admin.origin}/admin/`));

    browser.dropCookie(admin.origin, SESSION_COOKIE);
    const closed = await browser.get(`${admin.origin}/admin/`);
    expectSignInPage(closed);
    expect(closed.url).toBe(`${admin.origin}/admin/login/?next=/admin/`);
  });
});
