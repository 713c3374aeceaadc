import { describe, expect, it } from 'vitest';
import { paymentRequestClaim, requestAmount } from '../../../lib/content/guard/payment-request-claim';
import type { PaymentRequestSnapshot } from '../../../lib/content/guard/page-call-protocol';
import { page } from '../detect/dom';

const key = () => crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);

const snapshot = (over: Partial<PaymentRequestSnapshot> = {}): PaymentRequestSnapshot => ({
  methods: ['https://wallet.example.test/pay'],
  total: { label: 'Total', currency: 'eur', value: '42' },
  displayItems: [{ label: 'Desk organiser', currency: 'EUR', value: '42.00' }],
  declaredPayee: null,
  json: '[[{"supportedMethods":"https://wallet.example.test/pay"}],{"total":{}}]',
  ...over,
});

describe('PaymentRequest claims', () => {
  it('reads W3C decimal monetary values as the claim\'s amounts, and nothing else', () => {
    expect(requestAmount('42')).toBe('42.00');
    expect(requestAmount('42.5')).toBe('42.50');
    expect(requestAmount('0.001')).toBe('0.001');
    expect(requestAmount('0042.00')).toBe('42.00');
    expect(requestAmount('-1.00')).toBeNull();
    expect(requestAmount('1,000.00')).toBeNull();
    expect(requestAmount('1e3')).toBeNull();
  });

  it('claims amount, currency and items from details, the declared payee first, then the page\'s, then the origin', async () => {
    const shop = page('<p id="payee">Pay Example Shop Ltd</p>');
    const k = await key();
    const claim = await paymentRequestClaim(shop, 'https://shop.test', snapshot(), k);
    expect(claim).toMatchObject({ kind: 'payment', topic: 'payment-request', amount: '42.00', currency: 'EUR', payee: 'Example Shop Ltd' });
    expect(claim.fields).toContainEqual({ name: 'item-1', label: 'Desk organiser', secret: false, value: '42.00 EUR' });
    expect((await paymentRequestClaim(shop, 'https://shop.test', snapshot({ declaredPayee: 'Wallet Merchant' }), k)).payee).toBe('Wallet Merchant');
    expect((await paymentRequestClaim(page(''), 'https://shop.test', snapshot(), k)).payee).toBe('https://shop.test');
  });

  it('a request Airlock did not see constructed is claimed with no amount (the human sees that)', async () => {
    const claim = await paymentRequestClaim(page(''), 'https://shop.test', null, await key());
    expect(claim).toMatchObject({ amount: null, currency: null, fields: [] });
    expect(claim.fieldsDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the digest changes with anything the page passed', async () => {
    const k = await key();
    const a = await paymentRequestClaim(page(''), 'https://shop.test', snapshot(), k);
    const b = await paymentRequestClaim(page(''), 'https://shop.test', snapshot({ json: '[[],{"total":1}]' }), k);
    expect(a.fieldsDigest).not.toBe(b.fieldsDigest);
  });
});
