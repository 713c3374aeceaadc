import { errorMessage, escapeHtml, renderPage } from './html-page';
import { decimalAmount, formatMoney } from './shop-orders';

export const SHOP_NAME = 'Example Shop';
export const SHOP_PAYEE = 'Example Shop Ltd';
export const SHOP_CURRENCY = 'EUR';
export const PRODUCT = { id: 'walnut-desk-organiser', name: 'Walnut desk organiser', priceMinor: 4200 } as const;

function page(title: string, body: string, script?: string, lang?: string): string {
  return renderPage({ title, siteName: SHOP_NAME, body, ...(script ? { script } : {}), ...(lang ? { lang } : {}) });
}

export function productPage(): string {
  return page(
    PRODUCT.name,
    `<h1>${PRODUCT.name}</h1>
<p>Solid walnut, three compartments, hand-finished.</p>
<p class="total" id="price">${formatMoney(PRODUCT.priceMinor, SHOP_CURRENCY)}</p>
<form id="add-to-cart-form" method="post" action="/cart">
  <input type="hidden" name="product" value="${PRODUCT.id}">
  <label for="quantity">Quantity</label>
  <input id="quantity" name="quantity" type="number" min="1" max="10" value="1" required>
  <button id="add-to-cart" type="submit">Add to cart</button>
</form>`,
  );
}

export function cartPage(quantity: number): string {
  const total = formatMoney(PRODUCT.priceMinor * quantity, SHOP_CURRENCY);
  return page(
    'Your cart',
    `<h1>Your cart</h1>
<table>
  <caption class="hint">Items in your cart</caption>
  <thead><tr><th scope="col">Item</th><th scope="col">Quantity</th><th scope="col">Price</th></tr></thead>
  <tbody><tr><td>${PRODUCT.name}</td><td>${quantity}</td><td>${total}</td></tr></tbody>
</table>
<p class="total" id="cart-total">Total: ${total}</p>
<p><a id="checkout" href="/checkout">Checkout</a></p>`,
  );
}

export interface CheckoutView {
  checkoutToken: string;
  amountMinor: number;
  quantity: number;
  error?: string;
  holder?: string;
  /** The page's own script places the order with `form.submit()` from a plain "Continue" button. */
  scriptSubmit?: boolean;
  lang?: 'en' | 'fr';
  /**
   * The card fields live in a payment provider's hosted-field frame (another origin, named as Stripe
   * names its frames), which hands the page a token; the form itself has no card field and its button
   * says only "Continue".
   */
  hostedFields?: boolean;
}

// A button that is neither a submit control nor worded as a payment: only the page's own
// form.submit() makes it place the order.
const SCRIPT_SUBMIT_BUTTON = '<button id="continue" type="button" class="secondary">Continue</button>';
const SCRIPT_SUBMIT = `document.getElementById('continue').addEventListener('click', () => document.getElementById('checkout-form').submit());`;

const CHECKOUT_WORDS = {
  en: {
    title: 'Checkout', locale: 'en-IE', product: PRODUCT.name, total: 'Total:', payee: 'Pay', card: 'Card details', holder: 'Name on card',
    number: 'Card number', expiry: 'Expiry date (MM/YY)', cvc: 'Security code (CVC)', placeOrder: 'Place order',
  },
  fr: {
    title: 'Paiement', locale: 'fr-FR', product: 'Organiseur de bureau en noyer', total: 'Total à payer :', payee: 'Bénéficiaire :', card: 'Carte bancaire',
    holder: 'Titulaire de la carte', number: 'Numéro de carte', expiry: "Date d'expiration (MM/AA)", cvc: 'Cryptogramme visuel', placeOrder: 'Passer la commande',
  },
} as const;

// The provider's frame is served by the shop on `localhost` while the shop page is on 127.0.0.1: another origin.
const HOSTED_FIELDS = `<div id="card-element"><iframe name="__privateStripeFrame5" title="Secure card payment input frame" width="420" height="260"></iframe></div>
  <input type="hidden" id="payment_token" name="payment_token">`;
const HOSTED_SCRIPT = `const frame = document.querySelector('#card-element iframe');
const provider = location.protocol + '//localhost:' + location.port;
frame.src = provider + '/hosted-card';
window.addEventListener('message', (e) => {
  if (e.origin === provider && e.source === frame.contentWindow && e.data && e.data.type === 'card-token') document.getElementById('payment_token').value = e.data.token;
});`;

/** The provider's hosted card fields: each change sends the parent a token for the card (here, the card itself encoded). */
export function hostedCardPage(): string {
  const field = (id: string, label: string, autocomplete: string) => `<label for="${id}">${label}</label><input id="${id}" autocomplete="${autocomplete}" inputmode="numeric">`;
  return page(
    'Card',
    `${field('card_holder', 'Name on card', 'cc-name')}${field('card_number', 'Card number', 'cc-number')}${field('card_expiry', 'Expiry date (MM/YY)', 'cc-exp')}${field('card_cvc', 'Security code (CVC)', 'cc-csc')}`,
    `const read = (id) => document.getElementById(id).value;
document.addEventListener('input', () => {
  const card = { holder: read('card_holder'), number: read('card_number'), expiry: read('card_expiry'), cvc: read('card_cvc') };
  parent.postMessage({ type: 'card-token', token: btoa(JSON.stringify(card)) }, document.referrer ? new URL(document.referrer).origin : '*');
});`,
  );
}

export function checkoutPage(view: CheckoutView): string {
  if (view.hostedFields) return hostedCheckoutPage(view);
  const lang = view.lang ?? 'en';
  const w = CHECKOUT_WORDS[lang];
  const total = formatMoney(view.amountMinor, SHOP_CURRENCY, w.locale);
  // The English page also states the amount in data attributes; the French one only in words.
  const totalData = lang === 'en' ? ` data-amount="${decimalAmount(view.amountMinor)}" data-currency="${SHOP_CURRENCY}"` : '';
  return page(
    w.title,
    `<h1>${w.title}</h1>
<p>${view.quantity} × ${w.product}</p>
<p class="total" id="order-total"${totalData}>${w.total} ${total}</p>
<p id="payee">${w.payee} ${escapeHtml(SHOP_PAYEE)}</p>
${errorMessage('payment-error', view.error)}
<form id="checkout-form" method="post" action="/order">
  <input type="hidden" name="checkout_token" value="${escapeHtml(view.checkoutToken)}">
  <fieldset>
    <legend>${w.card}</legend>
    <label for="card_holder">${w.holder}</label>
    <input id="card_holder" name="card_holder" type="text" autocomplete="cc-name" required value="${escapeHtml(view.holder ?? '')}">
    <label for="card_number">${w.number}</label>
    <input id="card_number" name="card_number" type="text" inputmode="numeric" autocomplete="cc-number" required>
    <label for="card_expiry">${w.expiry}</label>
    <input id="card_expiry" name="card_expiry" type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" required>
    <label for="card_cvc">${w.cvc}</label>
    <input id="card_cvc" name="card_cvc" type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required>
  </fieldset>
  <button id="place-order" type="submit">${w.placeOrder}</button>
</form>
${view.scriptSubmit ? SCRIPT_SUBMIT_BUTTON : ''}`,
    view.scriptSubmit ? SCRIPT_SUBMIT : undefined,
    lang,
  );
}

function hostedCheckoutPage(view: CheckoutView): string {
  return page(
    'Checkout',
    `<h1>Checkout</h1>
<p>${view.quantity} × ${PRODUCT.name}</p>
<p class="total" id="order-total" data-amount="${decimalAmount(view.amountMinor)}" data-currency="${SHOP_CURRENCY}">Total: ${formatMoney(view.amountMinor, SHOP_CURRENCY)}</p>
<p id="payee">Pay ${escapeHtml(SHOP_PAYEE)}</p>
${errorMessage('payment-error', view.error)}
<form id="checkout-form" method="post" action="/order">
  <input type="hidden" name="checkout_token" value="${escapeHtml(view.checkoutToken)}">
  ${HOSTED_FIELDS}
  <button id="place-order" type="submit">Continue</button>
</form>`,
    HOSTED_SCRIPT,
  );
}

/**
 * Pays with the W3C Payment Request API. The outcome of `show()` is written to #wallet-outcome
 * (state, and the error's name and message), so a test can tell Airlock's AbortError from the
 * browser's own answer (no payment app here: NotSupportedError, or SecurityError without activation).
 */
export function walletPage(): string {
  const price = decimalAmount(PRODUCT.priceMinor);
  return page(
    'Browser wallet',
    `<h1>Pay with your browser wallet</h1>
<p class="total">Total: ${formatMoney(PRODUCT.priceMinor, SHOP_CURRENCY)}</p>
<p id="payee">Pay ${escapeHtml(SHOP_PAYEE)}</p>
<button id="wallet" type="button">Continue with the browser wallet</button>
<button id="wallet-update" type="button" class="secondary">Continue with express shipping</button>
<p id="wallet-outcome" role="status" data-state="idle"></p>`,
    `function walletShow(update) {
  const out = document.getElementById('wallet-outcome');
  const request = new PaymentRequest([{ supportedMethods: 'https://wallet.example.test/pay' }], {
    total: { label: 'Total', amount: { currency: '${SHOP_CURRENCY}', value: '${price}' } },
    displayItems: [{ label: '${PRODUCT.name}', amount: { currency: '${SHOP_CURRENCY}', value: '${price}' } }],
  });
  out.dataset.state = 'pending';
  (update ? request.show(Promise.resolve(update)) : request.show()).then(
    (response) => { out.dataset.state = 'resolved'; return response.complete('fail'); },
    (error) => { out.dataset.state = 'rejected'; out.dataset.name = error.name; out.textContent = error.name + ': ' + error.message; },
  );
}
document.getElementById('wallet').addEventListener('click', () => walletShow(null));
// show(detailsPromise): the total the sheet will show is only known once the promise settles.
document.getElementById('wallet-update').addEventListener('click', () => walletShow({ total: { label: 'Total with express shipping', amount: { currency: '${SHOP_CURRENCY}', value: '99.00' } } }));`,
  );
}

export function confirmationPage(orderNumber: string, amountMinor: number): string {
  return page(
    'Order confirmed',
    `<h1>Thank you!</h1>
<p id="order-confirmation" role="status">Order <strong id="order-number">${escapeHtml(orderNumber)}</strong> is confirmed.</p>
<p>${formatMoney(amountMinor, SHOP_CURRENCY)} paid to ${escapeHtml(SHOP_PAYEE)}.</p>`,
  );
}

export function orderProblemPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert" class="error">${escapeHtml(message)}</p>\n<p><a href="/cart">Back to your cart</a></p>`);
}
