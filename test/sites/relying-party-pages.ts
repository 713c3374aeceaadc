import { escapeHtml, renderPage } from './html-page';

export const RELYING_PARTY_NAME = 'Local Notes';

export type SignInMode = 'popup' | 'redirect';

/** Message the `/callback` pop-up posts to its opener (same origin only). */
export interface SignInMessage {
  type: 'local-id:signed-in' | 'local-id:error';
  name?: string;
  error?: string;
}

const POPUP_SCRIPT = `
(() => {
  const link = document.getElementById('sign-in');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const popup = window.open(link.href, 'local-id-sign-in', 'popup,width=480,height=640');
    if (!popup) location.href = link.href;
  });
  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || !event.data) return;
    if (event.data.type === 'local-id:signed-in') location.replace('/?mode=popup');
    if (event.data.type === 'local-id:error') location.replace('/?mode=popup&error=' + encodeURIComponent(event.data.error));
  });
})();
`;

export function signedOutPage(options: { mode: SignInMode; authorizeUrl: string; error?: string }): string {
  const error = options.error
    ? `<p id="sign-in-error" class="error" role="alert">Sign-in did not complete (${escapeHtml(options.error)}).</p>`
    : '';
  const other = options.mode === 'popup' ? 'redirect' : 'popup';
  return renderPage({
    siteName: RELYING_PARTY_NAME,
    title: 'Welcome',
    body: `<h1>Local Notes</h1>
<p>Your notes, on this machine.</p>
${error}
<p><a id="sign-in" class="button" data-mode="${options.mode}" href="${escapeHtml(options.authorizeUrl)}">Sign in with Local ID</a></p>
<p class="hint"><a href="/?mode=${other}">Use the ${other} sign-in instead</a></p>`,
    script: options.mode === 'popup' ? POPUP_SCRIPT : undefined,
  });
}

export function signedInPage(name: string): string {
  return renderPage({
    siteName: RELYING_PARTY_NAME,
    title: 'Your notes',
    body: `<h1>Your notes</h1>
<p id="signed-in-as">Signed in as ${escapeHtml(name)}</p>
<form method="post" action="/logout"><button id="sign-out" type="submit" class="secondary">Sign out</button></form>`,
  });
}

/** Ends the pop-up variant: tells the opener, then closes; without an opener, continues in place. */
export function popupResultPage(message: SignInMessage): string {
  const text = message.type === 'local-id:signed-in' ? `Signed in as ${message.name ?? ''}` : `Sign-in did not complete (${message.error ?? ''}).`;
  const json = JSON.stringify(message).replace(/</g, '\\u003c');
  const fallback = message.type === 'local-id:signed-in' ? '/' : `/?mode=popup&error=${encodeURIComponent(message.error ?? '')}`;
  return renderPage({
    siteName: RELYING_PARTY_NAME,
    title: 'Signing in',
    body: `<p id="popup-result" role="status">${escapeHtml(text)}. You can close this window.</p>`,
    script: `
if (window.opener) { window.opener.postMessage(${json}, location.origin); window.close(); }
else { location.replace(${JSON.stringify(fallback)}); }
`,
  });
}

export function callbackErrorPage(message: string): string {
  return renderPage({
    siteName: RELYING_PARTY_NAME,
    title: 'Sign-in failed',
    body: `<h1>Sign-in failed</h1>\n<p id="sign-in-error" class="error" role="alert">${escapeHtml(message)}</p>\n<p><a href="/">Start again</a></p>`,
  });
}
