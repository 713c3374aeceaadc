import { randomBytes } from 'node:crypto';
import { apiKeyCreatedPage, settingsPage, type SettingsForm } from './settings-pages';
import { redirect, sendHtml, sendNotFound } from './respond';
import type { SiteHandler } from './site-server';
import { sameSecret, SITE_USERS } from './site-users';

const NOTICES: Record<string, string> = {
  password: 'Your password has been changed.',
  email: 'We sent a confirmation link to your new e-mail address.',
  deleted: 'Your account is scheduled for deletion.',
};

/**
 * Account settings for the demo user, signed in without a login step. Every POST lands in the site log.
 * Changes are acknowledged but not applied: the current password stays the demo password, so tests
 * sharing one running instance do not depend on each other's order.
 */
export function createSettingsSite(): SiteHandler {
  const user = SITE_USERS.ada;
  const view = () => ({ name: user.name, email: user.username });

  return async (request, response) => {
    const fail = (form: SettingsForm, message: string) =>
      sendHtml(response, settingsPage({ ...view(), error: { form, message } }), { status: 422 });

    switch (`${request.method} ${request.url.pathname}`) {
      case 'GET /': {
        const notice = NOTICES[request.url.searchParams.get('updated') ?? ''];
        const scriptSubmit = request.url.searchParams.get('submit') === 'script';
        return sendHtml(response, settingsPage({ ...view(), notice, scriptSubmit }));
      }
      case 'POST /password': {
        const form = await request.readForm();
        if (!sameSecret(form.current_password ?? '', user.password)) return fail('password', 'Your current password is not correct.');
        const next = form.new_password ?? '';
        if (next.length < 8) return fail('password', 'Choose a password of at least 8 characters.');
        if (next !== form.confirm_password) return fail('password', 'The new passwords do not match.');
        return redirect(response, '/?updated=password');
      }
      case 'POST /email': {
        const form = await request.readForm();
        const next = (form.email ?? '').trim();
        if (!/^[^\s@]+@[^\s@]+$/.test(next)) return fail('email', 'Enter a valid e-mail address.');
        return redirect(response, '/?updated=email');
      }
      case 'POST /api-keys': {
        const form = await request.readForm();
        const name = (form.key_name ?? '').trim();
        if (!name) return fail('api-key', 'Give the key a name.');
        return sendHtml(response, apiKeyCreatedPage(name, `ak_test_${randomBytes(18).toString('base64url')}`), { status: 201 });
      }
      case 'POST /delete-account': {
        const form = await request.readForm();
        if (form.confirm !== 'yes') return fail('delete-account', 'Confirm that you understand this cannot be undone.');
        return redirect(response, '/?updated=deleted');
      }
      default:
        return sendNotFound(response);
    }
  };
}
