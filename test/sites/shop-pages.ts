import { errorMessage, escapeHtml, renderPage } from './html-page';
import { decimalAmount, formatMoney } from './shop-orders';

export const SHOP_NAME = 'Example Shop';
export const SHOP_PAYEE = 'Example Shop Ltd';
export const SHOP_CURRENCY = 'EUR';
export const PRODUCT = { id: 'walnut-desk-organiser', name: 'Walnut desk organiser', priceMinor: 4200 } as const;

function page(title: string, body: string): string {
  return renderPage({ title, siteName: SHOP_NAME, body });
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
}

export function checkoutPage(view: CheckoutView): string {
  const total = formatMoney(view.amountMinor, SHOP_CURRENCY);
  return page(
    'Checkout',
    `<h1>Checkout</h1>
<p>${view.quantity} × ${PRODUCT.name}</p>
<p class="total" id="order-total" data-amount="${decimalAmount(view.amountMinor)}" data-currency="${SHOP_CURRENCY}">Total: ${total}</p>
<p id="payee">Pay ${escapeHtml(SHOP_PAYEE)}</p>
${errorMessage('payment-error', view.error)}
<form id="checkout-form" method="post" action="/order">
  <input type="hidden" name="checkout_token" value="${escapeHtml(view.checkoutToken)}">
  <fieldset>
    <legend>Card details</legend>
    <label for="card_holder">Name on card</label>
    <input id="card_holder" name="card_holder" type="text" autocomplete="cc-name" required value="${escapeHtml(view.holder ?? '')}">
    <label for="card_number">Card number</label>
    <input id="card_number" name="card_number" type="text" inputmode="numeric" autocomplete="cc-number" required>
    <label for="card_expiry">Expiry date (MM/YY)</label>
    <input id="card_expiry" name="card_expiry" type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" required>
    <label for="card_cvc">Security code (CVC)</label>
    <input id="card_cvc" name="card_cvc" type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required>
  </fieldset>
  <button id="place-order" type="submit">Place order</button>
</form>`,
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
