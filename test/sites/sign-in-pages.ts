import { errorMessage, escapeHtml, renderPage } from './html-page';
import { LOGIN_SPA_SCRIPT } from './login-spa-script';

export const SIGN_IN_SITE_NAME = 'Example Mail';

function page(title: string, body: string, script?: string): string {
  return renderPage({ title, siteName: SIGN_IN_SITE_NAME, body, script });
}

export function homePage(): string {
  return page(
    'Welcome',
    `<h1>Example Mail</h1>
<ul>
  <li><a href="/login">Sign in</a></li>
  <li><a href="/login-spa">Sign in (app version)</a></li>
  <li><a href="/login-totp">Sign in with two-step verification</a></li>
  <li><a href="/login-hashed">Sign in (the page hashes the password)</a></li>
  <li><a href="/account">Your account</a></li>
</ul>`,
  );
}

/** The classic login form; `action` and `script` let the two-step and hashing variants reuse it. */
export function loginPage(options: { action: string; error?: string; email?: string; script?: string }): string {
  const described = options.error ? ' aria-describedby="login-error"' : '';
  return page(
    'Sign in',
    `<h1>Sign in</h1>
${errorMessage('login-error', options.error)}
<form id="login-form" method="post" action="${escapeHtml(options.action)}">
  <label for="email">Email address</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(options.email ?? '')}"${described}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${described}>
  <button id="sign-in" type="submit">Sign in</button>
</form>
<p class="hint"><a href="/">Back</a></p>`,
    options.script,
  );
}

export function totpPage(options: { error?: string }): string {
  const described = options.error ? 'totp-hint totp-error' : 'totp-hint';
  return page(
    'Two-step verification',
    `<h1>Two-step verification</h1>
${errorMessage('totp-error', options.error)}
<form id="totp-form" method="post" action="/login-totp/code">
  <label for="otp">Verification code</label>
  <input id="otp" name="otp" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby="${described}">
  <p id="totp-hint" class="hint">Enter the 6-digit code from your authenticator app.</p>
  <button id="verify" type="submit">Verify</button>
</form>`,
  );
}

export function loginSpaPage(): string {
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<div id="app" aria-live="polite"><p>Loading…</p></div>`,
    LOGIN_SPA_SCRIPT,
  );
}

export function accountPage(name: string, username: string): string {
  return page(
    'Your account',
    `<h1>Your account</h1>
<p id="signed-in-as">Signed in as ${escapeHtml(name)} (${escapeHtml(username)})</p>
<form method="post" action="/logout"><button id="sign-out" type="submit" class="secondary">Sign out</button></form>`,
  );
}

/**
 * The classic form, but its script sends a SHA-256 of the password instead of the password (as some
 * real sites do, e.g. to keep it out of their own logs): what leaves the page is derived from the
 * value typed, so a placeholder there cannot be swapped on the wire.
 */
export function loginHashedPage(): string {
  return loginPage({ action: '/api/login-hashed', script: LOGIN_HASHED_SCRIPT });
}

const LOGIN_HASHED_SCRIPT = `(() => {
  const form = document.getElementById('login-form');
  const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(form.password.value));
    const response = await fetch('/api/login-hashed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: form.email.value, passwordHash: hex(digest) }),
    });
    const result = await response.json();
    if (result.ok) { location.assign('/account'); return; }
    form.password.value = '';
    const errorBox = document.getElementById('login-error') ?? form.insertAdjacentElement('beforebegin', Object.assign(document.createElement('p'), { id: 'login-error', className: 'error' }));
    errorBox.setAttribute('role', 'alert');
    errorBox.textContent = result.error;
  });
})();
`;
