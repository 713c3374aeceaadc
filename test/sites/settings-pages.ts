import { errorMessage, escapeHtml, renderPage } from './html-page';

export const SETTINGS_SITE_NAME = 'Example Account';

export type SettingsForm = 'password' | 'email' | 'api-key' | 'delete-account';

export interface SettingsView {
  name: string;
  email: string;
  /** A status line after a successful change. */
  notice?: string;
  /** An error shown inside the form that caused it. */
  error?: { form: SettingsForm; message: string };
  /** Adds a plain "Quick create" button whose page script sends the API key form with `form.submit()`. */
  scriptSubmit?: boolean;
}

function errorFor(view: SettingsView, form: SettingsForm): string {
  return view.error?.form === form ? errorMessage(`${form}-error`, view.error.message) : '';
}

export function settingsPage(view: SettingsView): string {
  const notice = view.notice ? `<p id="notice" role="status">${escapeHtml(view.notice)}</p>` : '';
  return renderPage({
    siteName: SETTINGS_SITE_NAME,
    title: 'Account settings',
    body: `<h1>Account settings</h1>
<p id="signed-in-as">Signed in as ${escapeHtml(view.name)} (<span id="current-email">${escapeHtml(view.email)}</span>)</p>
${notice}
<section aria-labelledby="password-heading">
  <h2 id="password-heading">Change password</h2>
  ${errorFor(view, 'password')}
  <form id="change-password-form" method="post" action="/password">
    <input name="username" type="email" autocomplete="username" value="${escapeHtml(view.email)}" readonly hidden>
    <label for="current_password">Current password</label>
    <input id="current_password" name="current_password" type="password" autocomplete="current-password" required>
    <label for="new_password">New password</label>
    <input id="new_password" name="new_password" type="password" autocomplete="new-password" minlength="8" required>
    <label for="confirm_password">Confirm new password</label>
    <input id="confirm_password" name="confirm_password" type="password" autocomplete="new-password" minlength="8" required>
    <button id="change-password" type="submit">Change password</button>
  </form>
</section>
<section aria-labelledby="email-heading">
  <h2 id="email-heading">Change e-mail address</h2>
  ${errorFor(view, 'email')}
  <form id="change-email-form" method="post" action="/email">
    <label for="new_email">New e-mail address</label>
    <input id="new_email" name="email" type="email" autocomplete="email" required>
    <button id="change-email" type="submit">Change e-mail</button>
  </form>
</section>
<section aria-labelledby="api-key-heading">
  <h2 id="api-key-heading">API keys</h2>
  ${errorFor(view, 'api-key')}
  <form id="add-api-key-form" method="post" action="/api-keys">
    <label for="key_name">Key name</label>
    <input id="key_name" name="key_name" type="text" autocomplete="off" required>
    <label for="key_scope">Access</label>
    <select id="key_scope" name="key_scope">
      <option value="read">Read only</option>
      <option value="read-write">Read and write</option>
    </select>
    <button id="add-api-key" type="submit">Create API key</button>
  </form>
  ${view.scriptSubmit ? '<button id="quick-api-key" type="button" class="secondary">Quick create</button>' : ''}
</section>
<section aria-labelledby="delete-heading">
  <h2 id="delete-heading">Delete account</h2>
  ${errorFor(view, 'delete-account')}
  <form id="delete-account-form" method="post" action="/delete-account">
    <label class="checkbox"><input id="delete_confirm" name="confirm" type="checkbox" value="yes" required> I understand that this cannot be undone</label>
    <button id="delete-account" type="submit" class="danger">Delete account</button>
  </form>
</section>`,
    ...(view.scriptSubmit ? { script: `document.getElementById('quick-api-key').addEventListener('click', () => document.getElementById('add-api-key-form').submit());` } : {}),
  });
}

export function apiKeyCreatedPage(name: string, key: string): string {
  return renderPage({
    siteName: SETTINGS_SITE_NAME,
    title: 'API key created',
    body: `<h1>API key created</h1>
<p role="status">Your key “${escapeHtml(name)}” is ready. Copy it now: it will not be shown again.</p>
<p><label for="new_api_key">API key</label><input id="new_api_key" type="text" readonly value="${escapeHtml(key)}"></p>
<p><a href="/">Back to settings</a></p>`,
  });
}
