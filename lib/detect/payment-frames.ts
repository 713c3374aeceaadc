import { attr } from './dom';

/**
 * Hosts of payment providers' hosted card fields. A card iframe from one of these is a strong sign
 * the surrounding form takes a payment even when no card input exists in this frame (PCI DSS
 * SAQ A pages keep card data inside the provider's frame).
 */
const PROVIDER_HOSTS = [
  'js.stripe.com',
  'checkout.stripe.com',
  'assets.braintreegateway.com',
  'braintreegateway.com',
  'checkoutshopper-live.adyen.com',
  'checkoutshopper-test.adyen.com',
  'adyen.com',
  'js.checkout.com',
  'checkout.com',
  'web.squarecdn.com',
  'pci-connect.squareup.com',
  'squareup.com',
  'paypal.com',
  'paypalobjects.com',
  'hostedfields.paypal.com',
  'pay.google.com',
  'js.recurly.com',
  'api.recurly.com',
  'secure.authorize.net',
  'flex.cybersource.com',
  'mollie.com',
  'js.mollie.com',
  'cdn.worldpay.com',
  'payment.gmo-pg.com',
  'static.mul-pay.jp',
  'pay.jp',
  'js.pay.jp',
  'komoju.com',
  'secure.payzen.eu',
  'payplug.com',
  'stancer.com',
  'hipay.com',
];

const PROVIDER_NAME = /stripe|braintree|adyen|checkout-?com|square|paypal|recurly|cybersource|mollie|worldpay|payjp|gmo-?pg|komoju|hosted-?field|card[-_ ]?(number|field|element|input)|cc[-_ ]?(number|frame)|payment[-_ ]?(frame|element|field)|secure (card|payment)/i;

export function isPaymentFrame(el: Element): boolean {
  const src = attr(el, 'src');
  if (src) {
    const host = hostOf(src);
    if (host && PROVIDER_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) return true;
  }
  return PROVIDER_NAME.test(`${attr(el, 'name')} ${attr(el, 'id')} ${attr(el, 'title')} ${attr(el, 'class')}`);
}

function hostOf(src: string): string | null {
  try {
    return new URL(src, 'https://invalid.example/').hostname.toLowerCase();
  } catch {
    return null;
  }
}
