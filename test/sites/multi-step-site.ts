import { expiredCookie, sessionCookie } from './cookies';
import { errorMessage, escapeHtml, renderPage } from './html-page';
import { redirect, sendHtml, sendNotFound } from './respond';
import { SessionStore } from './session-store';
import type { SiteHandler } from './site-server';
import { checkCredentials, findUser, type SiteUser } from './site-users';

const SITE_NAME = 'Example Cloud';
const SESSION_COOKIE = 'cloud_session';
const IDENTIFIER_COOKIE = 'cloud_identifier';

function identifierPage(error?: string): string {
  return renderPage({
    siteName: SITE_NAME,
    title: 'Sign in',
    body: `<h1>Sign in</h1>
<p>Step 1 of 2</p>
${errorMessage('identifier-error', error)}
<form id="identifier-form" method="post" action="/identifier">
  <label for="username">Email address</label>
  <input id="username" name="username" type="email" autocomplete="username" required autofocus>
  <button id="next" type="submit">Next</button>
</form>`,
  });
}

function passwordPage(username: string, error?: string): string {
  // The username travels along in a hidden, read-only field so password managers can pair the
  // password with the account, the pattern major identity providers use for username-first flows.
  return renderPage({
    siteName: SITE_NAME,
    title: 'Enter your password',
    body: `<h1>Welcome</h1>
<p>Step 2 of 2 · <span id="identifier">${escapeHtml(username)}</span> <a href="/">Not you?</a></p>
${errorMessage('password-error', error)}
<form id="password-form" method="post" action="/password">
  <input id="username" name="username" type="email" autocomplete="username" value="${escapeHtml(username)}" readonly hidden>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
  <button id="sign-in" type="submit">Sign in</button>
</form>`,
  });
}

function accountPage(user: SiteUser): string {
  return renderPage({
    siteName: SITE_NAME,
    title: 'Your files',
    body: `<h1>Your files</h1>
<p id="signed-in-as">Signed in as ${escapeHtml(user.name)} (${escapeHtml(user.username)})</p>`,
  });
}

/** Username-first sign-in: `/` asks for the account, `/password` (a new document) for the password. */
export function createMultiStepSite(): SiteHandler {
  const sessions = new SessionStore<SiteUser>();
  const identified = new SessionStore<SiteUser>();

  return async (request, response) => {
    switch (`${request.method} ${request.url.pathname}`) {
      case 'GET /':
        return sendHtml(response, identifierPage());
      case 'POST /identifier': {
        const form = await request.readForm();
        const user = findUser(form.username ?? '');
        if (!user) return sendHtml(response, identifierPage("We couldn't find an account with that email address."), { status: 404 });
        const cookie = sessionCookie(IDENTIFIER_COOKIE, identified.create(user), { maxAgeSeconds: 600 });
        return redirect(response, '/password', { cookies: [cookie] });
      }
      case 'GET /password': {
        const user = identified.get(request.cookies[IDENTIFIER_COOKIE]);
        if (!user) return redirect(response, '/');
        return sendHtml(response, passwordPage(user.username));
      }
      case 'POST /password': {
        const form = await request.readForm();
        const pendingId = request.cookies[IDENTIFIER_COOKIE];
        const pending = identified.get(pendingId);
        if (!pending) return redirect(response, '/');
        const user = checkCredentials(pending.username, form.password ?? '');
        if (!user) return sendHtml(response, passwordPage(pending.username, 'Wrong password. Try again.'), { status: 401 });
        identified.delete(pendingId);
        const cookies = [sessionCookie(SESSION_COOKIE, sessions.create(user)), expiredCookie(IDENTIFIER_COOKIE)];
        return redirect(response, '/account', { cookies });
      }
      case 'GET /account': {
        const user = sessions.get(request.cookies[SESSION_COOKIE]);
        if (!user) return redirect(response, '/');
        return sendHtml(response, accountPage(user));
      }
      default:
        return sendNotFound(response);
    }
  };
}
