/**
 * What the human needs to judge a held action, read from the page: amount and currency, payee, and
 * the fields the submission would change. Secret values (passwords, card numbers and codes) are never
 * copied out; all submitted values go into a keyed digest that only this frame can recompute.
 */
import type { ActionClaim, FieldChange } from '../../approvals/canonical-action';
import type { SensitiveAction } from './sensitive-action';

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY', '￥': 'JPY', '円': 'JPY', CHF: 'CHF' };
const AMOUNT_IN_TEXT = /(€|\$|£|¥|￥|\b[A-Z]{3}\b)?\s*(\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s*(€|円|\b[A-Z]{3}\b)?/;
const TOTAL_SELECTOR = '[data-amount], [itemprop="price"], #order-total, #total, .order-total, .grand-total, [data-total], [data-testid*="total" i], [id*="total" i], [class*="total" i]';
const PAYEE_SELECTOR = '[data-payee], #payee, .payee, [itemprop="seller"], [data-merchant], #merchant, .merchant';
const SECRET_AUTOCOMPLETE = /\b(current-password|new-password|one-time-code|cc-number|cc-csc)\b/;
const SECRET_NAME = /pass(word)?|pwd|secret|token|cvc|cvv|csc|card.?(number|num|no)|cc.?num|otp|pin\b/i;

/** "1 000,50", "1,000.50", "¥1,000" → "1000.50"; null if no sensible amount. */
export function normaliseAmount(raw: string): string | null {
  let text = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d[\d.,]*$/.test(text)) return null;
  const lastSep = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
  let whole = text;
  let fraction = '';
  // A final separator followed by one or two digits is decimal; three digits mean thousands.
  if (lastSep >= 0 && text.length - lastSep - 1 <= 2) {
    whole = text.slice(0, lastSep);
    fraction = text.slice(lastSep + 1);
  }
  whole = whole.replace(/[.,]/g, '');
  text = whole.replace(/^0+(?=\d)/, '');
  if (!/^\d{1,12}$/.test(text)) return null;
  return `${text}.${(fraction + '00').slice(0, 2)}`;
}

function currencyOf(...tokens: Array<string | undefined>): string | null {
  for (const token of tokens) {
    if (!token) continue;
    const code = CURRENCY_SYMBOLS[token] ?? (/^[A-Z]{3}$/.test(token) ? token : null);
    if (code) return code;
  }
  return null;
}

export function extractAmount(doc: Document, scope: ParentNode | null): { amount: string | null; currency: string | null } {
  const candidates = [...Array.from(scope?.querySelectorAll(TOTAL_SELECTOR) ?? []), ...Array.from(doc.querySelectorAll(TOTAL_SELECTOR))];
  for (const el of candidates) {
    const data = el.getAttribute('data-amount') ?? el.getAttribute('data-total') ?? el.getAttribute('content');
    if (data) {
      const amount = normaliseAmount(data);
      if (amount) return { amount, currency: currencyOf(el.getAttribute('data-currency') ?? undefined, ...(el.textContent ?? '').match(/[€$£¥￥円]|\b[A-Z]{3}\b/g) ?? []) };
    }
    const match = AMOUNT_IN_TEXT.exec(el.textContent ?? '');
    if (match?.[2] && (match[1] || match[3])) {
      const amount = normaliseAmount(match[2]);
      if (amount) return { amount, currency: currencyOf(match[1], match[3]) };
    }
  }
  return { amount: null, currency: null };
}

export function extractPayee(doc: Document): string | null {
  const el = doc.querySelector(PAYEE_SELECTOR);
  if (!el) return null;
  const text = (el.getAttribute('data-payee') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
  // "Pay Example Shop Ltd" / "Payer à …" / "支払先: …": keep the name.
  const name = text.replace(/^(pay(ee)?|paying|merchant|marchand|b[ée]n[ée]ficiaire|payer à|支払先|加盟店)\s*[:：]?\s*/i, '').trim();
  return name ? name.slice(0, 200) : null;
}

function labelOf(field: Element): string {
  const doc = field.ownerDocument;
  const byFor = field.id ? doc.querySelector(`label[for="${CSS.escape(field.id)}"]`) : null;
  const text = byFor?.textContent ?? field.closest('label')?.textContent ?? field.getAttribute('aria-label') ?? field.getAttribute('placeholder') ?? '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function isSecret(field: Element): boolean {
  if (field instanceof HTMLInputElement && field.type === 'password') return true;
  return SECRET_AUTOCOMPLETE.test(field.getAttribute('autocomplete') ?? '') || SECRET_NAME.test(`${field.getAttribute('name') ?? ''} ${field.id}`);
}

/** The fields a person would see change (visible, named, with a value), secrets masked. */
export function visibleFields(form: HTMLFormElement): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of Array.from(form.elements)) {
    if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement)) continue;
    if (!field.name || field.disabled || field.type === 'hidden' || field.hidden || field.type === 'submit' || field.type === 'button') continue;
    if ((field.type === 'checkbox' || field.type === 'radio') && !(field as HTMLInputElement).checked) continue;
    const secret = isSecret(field);
    out.push({ name: field.name.slice(0, 200), label: labelOf(field) || field.name.slice(0, 200), secret, value: secret ? null : field.value.slice(0, 500) });
    if (out.length >= 60) break;
  }
  return out;
}

/** Every name/value pair the submission would carry, in order (HTML "constructing the entry list"). */
export function submissionEntries(form: HTMLFormElement | null, submitter: HTMLElement | null): string {
  if (!form) return '[]';
  let data: FormData;
  try {
    data = submitter && (submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement) && submitter.form === form ? new FormData(form, submitter) : new FormData(form);
  } catch {
    data = new FormData(form);
  }
  return JSON.stringify(Array.from(data.entries()).map(([name, value]) => [name, typeof value === 'string' ? value : `file:${value.name}:${value.size}`]));
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A key that never leaves this frame, for the fields digest. */
export async function newDigestKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export interface ClaimSnapshot {
  claim: ActionClaim;
  /** Synchronous fingerprint of the same state, to check nothing moved between the check and the replay. */
  fingerprint: string;
}

/** A synchronous reading of everything the claim covers. */
export function fingerprintOf(doc: Document, action: SensitiveAction): string {
  const { amount, currency } = extractAmount(doc, action.form);
  return JSON.stringify([action.kind, action.topic, amount, currency, extractPayee(doc), submissionEntries(action.form, action.control)]);
}

/** HMAC-SHA-256 of `text` under the frame's key, hex. */
export async function digestHex(key: CryptoKey, text: string): Promise<string> {
  return hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)));
}

export async function readClaim(doc: Document, action: SensitiveAction, key: CryptoKey, amountOverride?: { amount: string | null; currency: string | null }): Promise<ClaimSnapshot> {
  const fingerprint = fingerprintOf(doc, action);
  const money = amountOverride ?? extractAmount(doc, action.form);
  return {
    claim: {
      kind: action.kind,
      topic: action.topic,
      amount: action.kind === 'payment' ? money.amount : null,
      currency: action.kind === 'payment' ? money.currency : null,
      payee: action.kind === 'payment' ? extractPayee(doc) : null,
      fields: action.form ? visibleFields(action.form) : [],
      fieldsDigest: await digestHex(key, submissionEntries(action.form, action.control)),
    },
    fingerprint,
  };
}
