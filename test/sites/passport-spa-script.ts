/**
 * The `/spa-login` page script of the Passport site, written the way such apps commonly are: it reads
 * the CSRF token from the `csrf-token` meta tag, sends the form's values as JSON with the token in an
 * `x-csrf-token` header, and on success asks `/api/account` (with the session cookie the sign-in set)
 * who is signed in, then shows the account in place of the form.
 */
export const PASSPORT_SPA_SCRIPT = `
(() => {
  const app = document.getElementById('app');
  const form = document.getElementById('login-form');
  const errorBox = document.getElementById('login-error');
  const button = document.getElementById('sign-in');
  const token = document.querySelector('meta[name="csrf-token"]').content;

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  async function showAccount() {
    const response = await fetch('/api/account', { headers: { accept: 'application/json' } });
    const account = await response.json();
    if (!response.ok) throw new Error(account.error);
    const done = document.createElement('p');
    done.id = 'signed-in-as';
    done.textContent = 'Signed in as ' + account.name;
    app.replaceChildren(done);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    errorBox.hidden = true;
    try {
      const response = await fetch('/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({ username: form.username.value, password: form.password.value }),
      });
      const result = await response.json();
      if (result.ok) {
        await showAccount();
        return;
      }
      form.password.value = '';
      showError(result.error);
    } catch {
      showError('Network error. Try again.');
    }
    button.disabled = false;
  });
})();
`;
