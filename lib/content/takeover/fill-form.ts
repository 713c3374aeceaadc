/**
 * The fill routine: one secret, one form, one step. Fill (native setter, then `input` and `change`
 * events a framework listens to), submit (`requestSubmit`, or a click on the detected submit
 * control), then clear the secret from the DOM. A field that changes `type` away from `password`
 * while it holds the secret is cleared and put back (a page that "reveals" the password would put it
 * on screen and into every snapshot).
 */
import { isVisibleField } from '../../detect/visibility';
import type { DetectedForm } from '../../detect/types';
import { setNativeValue, type FieldGuard } from './field-lock';
import type { FillMessage } from './fill-message';

export interface FillResult {
  filled: boolean;
  submitted: boolean;
  reason?: string;
}

export interface FillTarget {
  form: DetectedForm;
  username: HTMLInputElement | null;
  secret: HTMLInputElement | null;
  submit: HTMLElement | null;
}

/** The fields of a detected form for a step; null when the step's field is missing. */
export function targetOf(form: DetectedForm, step: FillMessage['step']): FillTarget | null {
  const field = (role: string) => (form.fields.find((f) => f.role === role)?.element as HTMLInputElement | undefined) ?? null;
  const username = field('username');
  const secret = step === 'otp' ? field('one-time-code') : step === 'password' ? field('current-password') : null;
  const submit = (form.fields.find((f) => f.role === 'submit')?.element as HTMLElement | undefined) ?? null;
  if (step === 'username' && !username) return null;
  if (step !== 'username' && !secret) return null;
  return { form, username, secret, submit };
}

/**
 * A field Airlock may write into: one a person can see and edit. The same rule holds for every field
 * of a fill, the username beside the password included: a hidden username box on a password page is
 * where a hostile page would collect it unseen (T2).
 */
export function isWritableField(field: HTMLInputElement): boolean {
  return isVisibleField(field) && !field.readOnly && !field.disabled;
}

/**
 * Checks made at fill time, not only at detection: the page may have moved, hidden or re-typed the
 * fields since (a form that swaps its visible box for a hidden one after Airlock looked).
 */
export function refusalOf(target: FillTarget, current: DetectedForm | undefined, step: FillMessage['step']): string | null {
  const fields = [target.username, target.secret].filter((f): f is HTMLInputElement => f !== null);
  const needed = step === 'username' ? [target.username!] : [target.secret!];
  if (!current) return 'CREDENTIAL_FIELD_MOVED';
  for (const field of fields) {
    if (!field.isConnected || !current.fields.some((f) => f.element === field)) return 'CREDENTIAL_FIELD_MOVED';
  }
  for (const field of needed) if (!isWritableField(field)) return 'CREDENTIAL_FIELD_HIDDEN';
  if (step === 'password' && target.secret!.type !== 'password') return 'CREDENTIAL_FIELD_TYPE_CHANGED';
  return null;
}

function write(win: Window, element: HTMLInputElement, value: string): void {
  element.focus({ preventScroll: true });
  setNativeValue(element, value);
  element.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText' }));
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

function clear(win: Window, element: HTMLInputElement | null): void {
  if (!element || element.value === '') return;
  setNativeValue(element, '');
  element.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'deleteContentBackward' }));
}

function submitForm(target: FillTarget): boolean {
  const root = target.form.root;
  const owner = target.secret?.form ?? target.username?.form ?? (root instanceof HTMLFormElement ? root : null);
  if (owner) {
    const submitter = target.submit && owner.contains(target.submit) && (target.submit as HTMLButtonElement).type === 'submit' ? target.submit : undefined;
    owner.requestSubmit(submitter as HTMLButtonElement | undefined);
    return true;
  }
  if (target.submit) {
    target.submit.click();
    return true;
  }
  return false;
}

/** Watches the secret field's `type` while it holds the secret; returns a stop function. */
function guardType(win: Window, field: HTMLInputElement | null, step: FillMessage['step'], onRefused: () => void): () => void {
  if (!field || step !== 'password') return () => undefined;
  const observer = new MutationObserver(() => {
    if (field.type === 'password') return;
    clear(win, field);
    field.type = 'password';
    onRefused();
  });
  observer.observe(field, { attributes: true, attributeFilter: ['type'] });
  return () => observer.disconnect();
}

/**
 * Lets the page's framework take the new values into its state (React, Preact, Vue, Svelte and Lit
 * all settle an input in microtasks) without leaving the current task: an agent's snapshot,
 * screenshot or accessibility read is a task of its own, so it cannot fall between fill and clear.
 */
async function settleMicrotasks(): Promise<void> {
  for (let i = 0; i < 16; i++) await Promise.resolve();
}

/**
 * Fills, then (when `submit`) submits and clears, all in one task of the page (only microtasks in
 * between), so nothing the agent does from outside the page sees the filled field. The secret is only
 * in this function's locals and the message it came from, both dropped when it returns.
 */
export async function fillAndSubmit(win: Window, guard: FieldGuard, target: FillTarget, message: FillMessage, onTypeRefused: () => void): Promise<FillResult> {
  const secretValue = message.step === 'otp' ? message.otp : message.step === 'password' ? message.password : undefined;
  if (message.step !== 'username' && (!secretValue || !target.secret)) return { filled: false, submitted: false, reason: 'CREDENTIAL_NO_FORM' };
  let refused = false;
  const stopGuard = guardType(win, target.secret, message.step, () => {
    refused = true;
    onTypeRefused();
  });
  // A one-time-code field is usually plain text. While Airlock's code sits in it (until the submit and
  // the clear, in the same task) it is a password field, as the page's own submit handler sees it; its
  // own type comes back afterwards.
  const masked = message.step === 'otp' && message.submit !== false && target.secret && target.secret.type !== 'password' ? { field: target.secret, type: target.secret.getAttribute('type') } : null;
  if (masked) guard.writing(() => (masked.field.type = 'password'));
  try {
    guard.writing(() => {
      // Beside the password the username is a convenience: a hidden or locked one is left alone, not refused.
      if (target.username && message.username !== undefined && isWritableField(target.username)) write(win, target.username, message.username);
      if (target.secret && secretValue !== undefined) write(win, target.secret, secretValue);
    });
    if (message.submit === false) return { filled: true, submitted: false };
    await settleMicrotasks();
    if (refused || (message.step === 'password' && target.secret?.type !== 'password')) {
      guard.writing(() => clear(win, target.secret));
      return { filled: false, submitted: false, reason: 'CREDENTIAL_FIELD_TYPE_CHANGED' };
    }
    const submitted = guard.writing(() => submitForm(target));
    return { filled: true, submitted };
  } finally {
    if (message.submit !== false) guard.writing(() => clear(win, target.secret));
    if (masked) guard.writing(() => (masked.type === null ? masked.field.removeAttribute('type') : masked.field.setAttribute('type', masked.type)));
    stopGuard();
  }
}
