/**
 * The `/login-spa` page script: a tiny stand-in for a framework with controlled inputs. Like React, it
 * keeps the values in JS state, learns them only from `input` events, and tracks what was written
 * through the element's `value` property: an `input` event whose value equals the last value written
 * that way counts as "no change" (React's inputValueTracking). A fill that assigns `input.value` and
 * dispatches `input` is therefore ignored, exactly as on a real React page; a fill that uses the
 * native `HTMLInputElement.prototype` setter is seen. The submit reads the state, never the DOM.
 */
export const LOGIN_SPA_SCRIPT = `
(() => {
  const app = document.getElementById('app');
  const state = { email: '', password: '', error: '', pending: false, name: null };
  const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  const inputs = {};
  let form, errorBox, button;

  function controlled(input, key) {
    let tracked = '';
    Object.defineProperty(input, 'value', {
      configurable: true,
      get() { return nativeValue.get.call(this); },
      set(next) { tracked = String(next); nativeValue.set.call(this, next); },
    });
    input.addEventListener('input', () => {
      const current = nativeValue.get.call(input);
      if (current === tracked) return;
      tracked = current;
      setState({ [key]: current });
    });
    inputs[key] = input;
  }

  function field(key, labelText, type, autocomplete) {
    const label = document.createElement('label');
    label.htmlFor = key;
    label.textContent = labelText;
    const input = document.createElement('input');
    input.id = key;
    input.name = key;
    input.type = type;
    input.autocomplete = autocomplete;
    input.required = true;
    controlled(input, key);
    form.append(label, input);
  }

  function build() {
    form = document.createElement('form');
    form.id = 'login-form';
    form.noValidate = true;
    errorBox = document.createElement('p');
    errorBox.id = 'login-error';
    errorBox.className = 'error';
    errorBox.setAttribute('role', 'alert');
    form.append(errorBox);
    field('email', 'Email address', 'email', 'username');
    field('password', 'Password', 'password', 'current-password');
    button = document.createElement('button');
    button.id = 'sign-in';
    button.type = 'submit';
    button.textContent = 'Sign in';
    form.append(button);
    form.addEventListener('submit', onSubmit);
    app.replaceChildren(form);
  }

  function setState(patch) {
    Object.assign(state, patch);
    render();
  }

  function render() {
    if (state.name !== null) {
      const done = document.createElement('p');
      done.id = 'signed-in-as';
      done.textContent = 'Signed in as ' + state.name;
      app.replaceChildren(done);
      return;
    }
    for (const key of ['email', 'password']) {
      if (inputs[key].value !== state[key]) inputs[key].value = state[key];
    }
    errorBox.textContent = state.error;
    errorBox.hidden = !state.error;
    button.disabled = state.pending;
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (state.pending) return;
    setState({ pending: true, error: '' });
    try {
      const response = await fetch('/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: state.email, password: state.password }),
      });
      const result = await response.json();
      if (result.ok) setState({ pending: false, password: '', name: result.name });
      else setState({ pending: false, password: '', error: result.error });
    } catch {
      setState({ pending: false, error: 'Network error. Try again.' });
    }
  }

  build();
  render();
})();
`;
