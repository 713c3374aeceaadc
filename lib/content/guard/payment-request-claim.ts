/**
 * The claim for a page's `PaymentRequest.show()`: amount and currency from `details.total`, the payee
 * the page declares in its method data (or on the page, or else its origin), display items and
 * payment methods as the fields the human sees, and a keyed digest of everything the page passed.
 */
import type { ActionClaim, FieldChange } from '../../approvals/canonical-action';
import { digestHex, extractPayee } from './extract-claim';
import type { PaymentRequestSnapshot } from './page-call-protocol';

/** A W3C "valid decimal monetary value" ("42", "42.5", "0.001") in the claim's form ("42.00"); null otherwise. */
export function requestAmount(value: string): string | null {
  const match = /^(\d{1,12})(?:\.(\d{1,3}))?$/.exec(value);
  if (!match) return null;
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  return `${whole}.${fraction.length === 3 ? fraction : (fraction + '00').slice(0, 2)}`;
}

function currencyCode(value: string): string | null {
  const code = value.toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

function fieldsOf(request: PaymentRequestSnapshot): FieldChange[] {
  const fields: FieldChange[] = request.methods.map((method, i) => ({ name: `method-${i + 1}`, label: 'supportedMethods', secret: false, value: method.slice(0, 500) }));
  request.displayItems.forEach((item, i) => {
    fields.push({ name: `item-${i + 1}`, label: item.label.slice(0, 200) || `item ${i + 1}`, secret: false, value: `${item.value} ${item.currency}`.slice(0, 500) });
  });
  return fields.slice(0, 60);
}

export async function paymentRequestClaim(doc: Document, origin: string, request: PaymentRequestSnapshot | null, key: CryptoKey): Promise<ActionClaim> {
  const total = request?.total ?? null;
  return {
    kind: 'payment',
    topic: 'payment-request',
    amount: total ? requestAmount(total.value) : null,
    currency: total ? currencyCode(total.currency) : null,
    payee: (request?.declaredPayee || extractPayee(doc) || origin).slice(0, 200),
    fields: request ? fieldsOf(request) : [],
    fieldsDigest: await digestHex(key, request?.json ?? 'null'),
  };
}
