import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { fillAndSubmit, isWritableField, refusalOf, type FillTarget } from '../../../lib/content/takeover/fill-form';
import type { FieldGuard } from '../../../lib/content/takeover/field-lock';
import type { DetectedForm } from '../../../lib/detect/types';

/**
 * The fill routine over a linkedom document (no layout: visibility is read from markup). The globals
 * it uses in a browser (HTMLInputElement for the native value setter, InputEvent, Event) come from
 * the same linkedom window for the length of this file.
 */
const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
const GLOBALS = { HTMLInputElement: window.HTMLInputElement, InputEvent: window.Event, Event: window.Event, MutationObserver: window.MutationObserver } as const;
const saved: Record<string, unknown> = {};

beforeAll(() => {
  for (const [name, value] of Object.entries(GLOBALS)) {
    saved[name] = (globalThis as Record<string, unknown>)[name];
    (globalThis as Record<string, unknown>)[name] = value;
  }
});
afterAll(() => {
  for (const name of Object.keys(GLOBALS)) (globalThis as Record<string, unknown>)[name] = saved[name];
});

const guard: FieldGuard = { lock: () => undefined, isLocked: () => false, writing: (write) => write(), isWriting: false, explain: () => undefined, unlockAll: () => undefined, lockedFields: () => [] };

/** The password step of a multi-step sign-in: the username from the first step shown (or not) beside the password. */
function passwordStep(usernameMarkup: string): { target: FillTarget; username: HTMLInputElement; password: HTMLInputElement; form: DetectedForm } {
  document.body.innerHTML = `<form id=f>${usernameMarkup}<input id=p type=password autocomplete=current-password><button type=submit>Sign in</button></form>`;
  const username = document.getElementById('u') as unknown as HTMLInputElement;
  const password = document.getElementById('p') as unknown as HTMLInputElement;
  const root = document.getElementById('f') as unknown as HTMLFormElement;
  const form = { kind: 'login', root, fields: [{ role: 'username', element: username }, { role: 'current-password', element: password }] } as unknown as DetectedForm;
  return { target: { form, username, secret: password, submit: null }, username, password, form };
}

const message = { airlock: 'takeover-fill', requestId: 'r'.repeat(22), origin: 'https://mail.example', step: 'password', username: 'ada@mail.example', password: 'pw-secret-5', submit: false } as const;

describe('fill routine: visible-field rules hold for the username beside the password', () => {
  it('a visible username field is filled with the password (control: the routine does write it)', async () => {
    const { target, username, password } = passwordStep('<input id=u type=email autocomplete=username>');
    expect(await fillAndSubmit(window as unknown as Window, guard, target, { ...message }, () => undefined)).toEqual({ filled: true, submitted: false });
    expect(username.value).toBe('ada@mail.example');
    expect(password.value).toBe('pw-secret-5');
  });

  it.each([
    ['display:none', '<input id=u type=email autocomplete=username style="display:none">'],
    ['off-screen', '<input id=u type=email autocomplete=username style="position:absolute;left:-9999px">'],
    ['opacity 0', '<input id=u type=email autocomplete=username style="opacity:0">'],
    ['inside a hidden container', '<div hidden><input id=u type=email autocomplete=username></div>'],
    ['disabled', '<input id=u type=email autocomplete=username disabled>'],
  ])('a username field that is %s is left empty; the visible password is still filled', async (_label, markup) => {
    const { target, username, password, form } = passwordStep(markup);
    expect(isWritableField(username)).toBe(false);
    expect(refusalOf(target, form, 'password')).toBeNull();
    expect(await fillAndSubmit(window as unknown as Window, guard, target, { ...message }, () => undefined)).toEqual({ filled: true, submitted: false });
    expect(username.value).toBe('');
    expect(password.value).toBe('pw-secret-5');
  });

  it('on the username step itself, a hidden username field is refused', () => {
    const { target, form } = passwordStep('<input id=u type=email autocomplete=username style="display:none">');
    expect(refusalOf({ ...target, secret: null }, form, 'username')).toBe('CREDENTIAL_FIELD_HIDDEN');
  });
});
