import { expiredCookie, sessionCookie } from './cookies';
import { createHash } from 'node:crypto';
import { accountPage, homePage, loginHashedPage, loginPage, loginSpaPage, totpPage } from './sign-in-pages';
import { redirect, sendHtml, sendJson, sendNotFound } from './respond';
import { SessionStore } from './session-store';
import type { SiteHandler } from './site-server';
import { checkCredentials, findUser, type SiteUser } from './site-users';
import { verifyTotp } from './totp';

// Browsers share cookies across ports on one host, so the names are site-specific (see cookies.ts).
const SESSION_COOKIE = 'mail_session';
const PENDING_TOTP_COOKIE = 'mail_pending_2fa';
const BAD_CREDENTIALS = 'Incorrect email address or password.';

/**
 * Sign-in site: `/login` (classic form), `/login-spa` (controlled inputs, fetch submit), `/login-totp`
 * (password, then a one-time code on a new document), `/login-hashed` (its script sends a SHA-256 of
 * the password, not the password), `/account`.
 */
export function createSignInSite(): SiteHandler {
  const sessions = new SessionStore<SiteUser>();
  // Password verified, one-time code still due. Replay of a used code is not refused: tests that sign
  // in twice within one 30-second step would otherwise fail for a reason unrelated to what they prove.
  const pendingTotp = new SessionStore<SiteUser>();

  const signedIn = (user: SiteUser): string[] => [sessionCookie(SESSION_COOKIE, sessions.create(user))];

  return async (request, response) => {
    const route = `${request.method} ${request.url.pathname}`;
    switch (route) {
      case 'GET /':
        return sendHtml(response, homePage());
      case 'GET /login':
        return sendHtml(response, loginPage({ action: '/login' }));
      case 'POST /login': {
        const form = await request.readForm();
        const user = checkCredentials(form.email ?? '', form.password ?? '');
        if (!user) {
          return sendHtml(response, loginPage({ action: '/login', error: BAD_CREDENTIALS, email: form.email }), { status: 401 });
        }
        return redirect(response, '/account', { cookies: signedIn(user) });
      }
      case 'GET /login-spa':
        return sendHtml(response, loginSpaPage());
      case 'POST /api/login': {
        const form = await request.readForm();
        const user = checkCredentials(form.email ?? '', form.password ?? '');
        if (!user) return sendJson(response, { ok: false, error: BAD_CREDENTIALS }, { status: 401 });
        return sendJson(response, { ok: true, name: user.name }, { cookies: signedIn(user) });
      }
      case 'GET /login-hashed':
        return sendHtml(response, loginHashedPage());
      case 'POST /api/login-hashed': {
        const form = await request.readForm();
        const user = findUser(form.email ?? '');
        const expected = user ? createHash('sha256').update(user.password).digest('hex') : null;
        if (!user || form.passwordHash !== expected) return sendJson(response, { ok: false, error: BAD_CREDENTIALS }, { status: 401 });
        return sendJson(response, { ok: true, name: user.name }, { cookies: signedIn(user) });
      }
      case 'GET /login-totp':
        return sendHtml(response, loginPage({ action: '/login-totp' }));
      case 'POST /login-totp': {
        const form = await request.readForm();
        const user = checkCredentials(form.email ?? '', form.password ?? '');
        if (!user) {
          return sendHtml(response, loginPage({ action: '/login-totp', error: BAD_CREDENTIALS, email: form.email }), { status: 401 });
        }
        const pending = sessionCookie(PENDING_TOTP_COOKIE, pendingTotp.create(user), { maxAgeSeconds: 300 });
        return redirect(response, '/login-totp/code', { cookies: [pending] });
      }
      case 'GET /login-totp/code':
        if (!pendingTotp.get(request.cookies[PENDING_TOTP_COOKIE])) return redirect(response, '/login-totp');
        return sendHtml(response, totpPage({}));
      case 'POST /login-totp/code': {
        const form = await request.readForm();
        const pendingId = request.cookies[PENDING_TOTP_COOKIE];
        const user = pendingTotp.get(pendingId);
        if (!user) return redirect(response, '/login-totp');
        if (!verifyTotp(user.totpSecret, (form.otp ?? '').trim())) {
          return sendHtml(response, totpPage({ error: 'That code is not valid. Try the current one.' }), { status: 401 });
        }
        pendingTotp.delete(pendingId);
        return redirect(response, '/account', { cookies: [...signedIn(user), expiredCookie(PENDING_TOTP_COOKIE)] });
      }
      case 'GET /account': {
        const user = sessions.get(request.cookies[SESSION_COOKIE]);
        if (!user) return redirect(response, '/login');
        return sendHtml(response, accountPage(user.name, user.username));
      }
      case 'POST /logout':
        sessions.delete(request.cookies[SESSION_COOKIE]);
        return redirect(response, '/login', { cookies: [expiredCookie(SESSION_COOKIE)] });
      default:
        return sendNotFound(response);
    }
  };
}
