/** What a group of fields is for. `other` covers everything Airlock does not act on (contact, address, comment). */
export type FormKind =
  | 'login'
  | 'sign-up'
  | 'change-password'
  | 'one-time-code'
  | 'payment'
  | 'search'
  | 'newsletter'
  | 'other';

export const FORM_KINDS: readonly FormKind[] = [
  'login',
  'sign-up',
  'change-password',
  'one-time-code',
  'payment',
  'search',
  'newsletter',
  'other',
];

/** What one field (or control) of a detected form is for. Fields with no role are not reported. */
export type FieldRole =
  | 'username'
  | 'current-password'
  | 'new-password'
  | 'confirm-password'
  | 'one-time-code'
  | 'card-number'
  | 'card-expiry'
  | 'card-security-code'
  | 'card-holder'
  | 'submit';

export const FIELD_ROLES: readonly FieldRole[] = [
  'username',
  'current-password',
  'new-password',
  'confirm-password',
  'one-time-code',
  'card-number',
  'card-expiry',
  'card-security-code',
  'card-holder',
  'submit',
];

/**
 * What a single field looks like on its own, before the form around it is considered. A field's
 * final role depends on its form's kind (the same e-mail box is a username in a login form and
 * nothing in a newsletter form).
 */
export type FieldClass =
  | 'password'
  | 'identifier'
  | 'otp'
  | 'card-number'
  | 'card-expiry'
  | 'card-csc'
  | 'card-holder'
  | 'search'
  | 'personal'
  | 'unknown';

export type PasswordHint = 'current' | 'new' | 'confirm';

/** A field's serialisable report: a role and a selector, never a value. */
export interface FieldReport {
  role: FieldRole;
  /** CSS selector within the field's tree; shadow boundaries are joined with ` >>> `. */
  selector: string;
}

export interface FormReport {
  kind: FormKind;
  /** Selector of the form element or of the formless container, stable while the page keeps it. */
  handle: string;
  fields: FieldReport[];
  /** 0..1, how far the winning kind's score was ahead. */
  confidence?: number;
}

export interface DetectedField extends FieldReport {
  element: Element;
}

export interface DetectedForm extends FormReport {
  /** The `<form>`, the formless container, or the shadow root that groups the fields. */
  root: Element | ShadowRoot;
  fields: DetectedField[];
}

/** Returns the shadow root of an element, closed ones included (`browser.dom.openOrClosedShadowRoot`). */
export type ShadowRootAccessor = (element: Element) => ShadowRoot | null | undefined;

export interface DetectOptions {
  /** Lets the engine enter closed shadow roots without importing any extension API. */
  openOrClosedShadowRoot?: ShadowRootAccessor;
}
