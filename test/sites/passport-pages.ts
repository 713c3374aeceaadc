import { errorMessage, escapeHtml, renderPage } from './html-page';
import { PASSPORT_SPA_SCRIPT } from './passport-spa-script';

export const PASSPORT_SITE_NAME = 'Example Notes';

function page(title: string, body: string, script?: string): string {
  return renderPage({ title, siteName: PASSPORT_SITE_NAME, body, script });
}

export function homePage(): string {
  return page(
    'Welcome',
    `<h1>Example Notes</h1>
<ul>
  <li><a href="/login">Sign in</a></li>
  <li><a href="/spa-login">Sign in (app version)</a></li>
  <li><a href="/account">Your account</a></li>
</ul>`,
  );
}

/** The classic form: a POST to `/login` with the session's CSRF token in a hidden field. */
export function loginPage(options: { csrfToken: string; error?: string; username?: string }): string {
  const described = options.error ? ' aria-describedby="login-error"' : '';
  return page(
    'Sign in',
    `<h1>Sign in</h1>
${errorMessage('login-error', options.error)}
<form id="login-form" method="post" action="/login">
  <input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
  <label for="username">Email address</label>
  <input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(options.username ?? '')}"${described}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${described}>
  <button id="sign-in" type="submit">Sign in</button>
</form>
<p class="hint"><a href="/">Back</a></p>`,
  );
}

/**
 * The app version: the token is in a meta tag, as many apps hand it to their script, and the script
 * signs in with fetch. The form still says POST so that a submit the script missed cannot put the
 * password in a URL; that POST has no token and is refused.
 */
export function spaLoginPage(options: { csrfToken: string }): string {
  return renderPage({
    title: 'Sign in',
    siteName: PASSPORT_SITE_NAME,
    body: `<h1>Sign in</h1>
<div id="app">
<p id="login-error" class="error" role="alert" hidden></p>
<form id="login-form" method="post" action="/spa-login">
  <label for="username">Email address</label>
  <input id="username" name="username" type="email" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button id="sign-in" type="submit">Sign in</button>
</form>
</div>`,
    script: PASSPORT_SPA_SCRIPT,
    head: `<meta name="csrf-token" content="${escapeHtml(options.csrfToken)}">`,
  });
}

export function accountPage(options: { name: string; username: string; csrfToken: string }): string {
  return page(
    'Your account',
    `<h1>Your account</h1>
<p id="signed-in-as">Signed in as ${escapeHtml(options.name)}</p>
<p>Email address: <span id="account-username">${escapeHtml(options.username)}</span></p>
<form method="post" action="/logout">
  <input type="hidden" name="_csrf" value="${escapeHtml(options.csrfToken)}">
  <button id="sign-out" class="secondary" type="submit">Sign out</button>
</form>`,
  );
}

/** What a refused request sees: the status's reason, never anything the request carried. */
export function refusedPage(status: number, message: string): string {
  return page(`Error ${status}`, `<h1>Error ${status}</h1>\n<p class="error" role="alert">${escapeHtml(message)}</p>`);
}
