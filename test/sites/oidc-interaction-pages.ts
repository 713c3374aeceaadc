import { errorMessage, escapeHtml, renderPage } from './html-page';

export const OIDC_SITE_NAME = 'Local ID';

const SCOPE_DESCRIPTIONS: Record<string, string> = {
  openid: 'Confirm who you are',
  profile: 'See your name',
  email: 'See your e-mail address',
  offline_access: 'Keep access while you are away',
};

export interface InteractionView {
  uid: string;
  clientName: string;
  /** Origin the browser will be sent back to, shown so the human can spot a lookalike. */
  returnOrigin: string;
}

function cancelForm(uid: string, label: string): string {
  return `<form id="abort-form" method="post" action="/interaction/${escapeHtml(uid)}/abort">
  <button id="abort" type="submit" class="secondary">${label}</button>
</form>`;
}

export function interactionLoginPage(view: InteractionView & { error?: string; email?: string }): string {
  const uid = escapeHtml(view.uid);
  return renderPage({
    siteName: OIDC_SITE_NAME,
    title: 'Sign in',
    body: `<h1>Sign in with Local ID</h1>
<p>to continue to <strong id="client-name">${escapeHtml(view.clientName)}</strong> (<span id="return-origin">${escapeHtml(view.returnOrigin)}</span>)</p>
${errorMessage('login-error', view.error)}
<form id="login-form" method="post" action="/interaction/${uid}/login">
  <label for="email">Email address</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(view.email ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button id="sign-in" type="submit">Sign in</button>
</form>
${cancelForm(view.uid, 'Cancel')}`,
  });
}

export function interactionConsentPage(view: InteractionView & { scopes: string[]; accountName: string }): string {
  const items = view.scopes
    .map((scope) => `<li data-scope="${escapeHtml(scope)}">${escapeHtml(SCOPE_DESCRIPTIONS[scope] ?? scope)}</li>`)
    .join('\n  ');
  return renderPage({
    siteName: OIDC_SITE_NAME,
    title: 'Allow access',
    body: `<h1><span id="client-name">${escapeHtml(view.clientName)}</span> wants to access your Local ID account</h1>
<p>Signed in as <span id="account-name">${escapeHtml(view.accountName)}</span>. You will be returned to <span id="return-origin">${escapeHtml(view.returnOrigin)}</span>.</p>
<ul id="scopes">
  ${items}
</ul>
<form id="consent-form" method="post" action="/interaction/${escapeHtml(view.uid)}/confirm">
  <button id="allow" type="submit">Allow</button>
</form>
${cancelForm(view.uid, 'Deny')}`,
  });
}

export function providerHomePage(issuer: string): string {
  const discovery = `${issuer}/.well-known/openid-configuration`;
  return renderPage({
    siteName: OIDC_SITE_NAME,
    title: 'OpenID provider',
    body: `<h1>Local ID</h1>
<p>An OpenID provider for local tests. Discovery document: <a href="${escapeHtml(discovery)}">${escapeHtml(discovery)}</a></p>`,
  });
}

export function providerErrorPage(error: string, description: string | undefined): string {
  return renderPage({
    siteName: OIDC_SITE_NAME,
    title: 'Something went wrong',
    body: `<h1>Something went wrong</h1>
<p role="alert" class="error"><code id="oauth-error">${escapeHtml(error)}</code> ${escapeHtml(description ?? '')}</p>`,
  });
}
