/**
 * The canonical form of a held action: what the human approves and what the WebAuthn challenge
 * signs. Pure and dependency-free, so the content script, the background and the tests share it.
 * The idea is PSD2 dynamic linking (RTS Art. 5) and W3C Secure Payment Confirmation: the
 * authentication code is bound to the amount and the payee, and any change voids it.
 */

export type ActionKind = 'payment' | 'settings';

export const ACTION_TOPICS = [
  'checkout',
  'payment-request',
  'change-password',
  'change-email',
  'change-phone',
  'two-factor',
  'recovery',
  'api-key',
  'ssh-key',
  'mail-forwarding',
  'payout',
  'connected-apps',
  'delete-account',
] as const;
export type ActionTopic = (typeof ACTION_TOPICS)[number];

/** One submitted field as the human sees it. A secret's value is never carried, only that it changes. */
export interface FieldChange {
  name: string;
  label: string;
  secret: boolean;
  value: string | null;
}

/** What the content script observed about the action; the origin is added by the background from the sender. */
export interface ActionClaim {
  kind: ActionKind;
  topic: ActionTopic;
  /** Decimal string in major units ("1000.00"), or null when the page shows none. */
  amount: string | null;
  /** ISO 4217 code, or null. */
  currency: string | null;
  payee: string | null;
  fields: FieldChange[];
  /**
   * HMAC-SHA-256 (hex) of every submitted name/value pair, keyed by a random key that never leaves the
   * frame: the background can tell that the submission changed without learning (or being able to
   * brute-force) a card number or password.
   */
  fieldsDigest: string;
}

export interface CanonicalAction extends ActionClaim {
  /** The frame's origin as the browser reported it (`sender.origin`), never the page's own words. */
  origin: string;
  /** Random, one per approval: two identical checkouts get two different challenges. */
  nonce: string;
  expiresAt: number;
}

export const CANONICAL_ACTION_VERSION = 1;

/** JSON with a fixed key order, so both sides hash the same bytes. */
export function canonicalActionJson(action: CanonicalAction): string {
  return JSON.stringify([
    'airlock-action',
    CANONICAL_ACTION_VERSION,
    action.origin,
    action.kind,
    action.topic,
    action.amount,
    action.currency,
    action.payee,
    action.fields.map((f) => [f.name, f.label, f.secret, f.secret ? null : f.value]),
    action.fieldsDigest,
    action.nonce,
    action.expiresAt,
  ]);
}

/** SHA-256 of the canonical action: the WebAuthn challenge (W3C WebAuthn L3, 13.4.3: at least 16 random bytes; the nonce supplies them). */
export async function actionChallenge(action: CanonicalAction): Promise<Uint8Array> {
  const bytes = new TextEncoder().encode(canonicalActionJson(action));
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** Whether two claims describe exactly the same action (the approval of one is valid for the other). */
export function sameClaim(a: ActionClaim, b: ActionClaim): boolean {
  const strip = (c: ActionClaim) => JSON.stringify([c.kind, c.topic, c.amount, c.currency, c.payee, c.fields.map((f) => [f.name, f.label, f.secret, f.secret ? null : f.value]), c.fieldsDigest]);
  return strip(a) === strip(b);
}

/** Amount as integer minor units for policy comparisons; null when unreadable. */
export function minorUnits(amount: string | null): number | null {
  if (amount === null || !/^\d{1,12}(\.\d{1,3})?$/.test(amount)) return null;
  const [whole, fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
}
