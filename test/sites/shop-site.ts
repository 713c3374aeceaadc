import { expiredCookie, sessionCookie } from './cookies';
import { cardProblem, type CardFields } from './card-check';
import { redirect, sendHtml, sendNotFound } from './respond';
import { SessionStore } from './session-store';
import {
  cartPage,
  checkoutPage,
  hostedCardPage,
  confirmationPage,
  orderProblemPage,
  productPage,
  PRODUCT,
  SHOP_CURRENCY,
  SHOP_PAYEE,
  walletPage,
} from './shop-pages';
import { decimalAmount, type OrderAttempt, type OrderStatus, type ShopRecords } from './shop-orders';
import type { SiteHandler } from './site-server';

const CART_COOKIE = 'shop_cart';

interface Checkout {
  amountMinor: number;
  quantity: number;
  used: boolean;
}

function cartQuantity(cookie: string | undefined): number {
  const quantity = Number(cookie);
  // The demo starts with one item in the cart, so a test can open /checkout directly.
  return Number.isInteger(quantity) && quantity >= 1 && quantity <= 10 ? quantity : 1;
}

/**
 * Shop: product `/`, `/cart`, `/checkout` (card form; `?lang=fr` in French; `?submit=script` adds a page
 * script that sends it with form.submit(); `?fields=hosted` takes the card in a provider's hosted-field
 * frame, `/hosted-card`, which hands the page a token), `/wallet` (Payment Request API), POST `/order` (idempotent per checkout token).
 */
export function createShopSite(records: ShopRecords): SiteHandler {
  const checkouts = new SessionStore<Checkout>();
  let nextOrder = 100001;

  function record(status: OrderStatus, checkoutToken: string, checkout: Checkout | undefined): OrderAttempt {
    const amountMinor = checkout?.amountMinor ?? 0;
    const attempt: OrderAttempt = {
      status,
      checkoutToken,
      amount: decimalAmount(amountMinor),
      amountMinor,
      currency: SHOP_CURRENCY,
      payee: SHOP_PAYEE,
      at: Date.now(),
    };
    if (status === 'placed') {
      attempt.orderNumber = `EX-${nextOrder++}`;
      records.orders.push({ ...attempt, status, orderNumber: attempt.orderNumber });
    }
    records.attempts.push(attempt);
    return attempt;
  }

  return async (request, response) => {
    switch (`${request.method} ${request.url.pathname}`) {
      case 'GET /':
        return sendHtml(response, productPage());
      case 'POST /cart': {
        const form = await request.readForm();
        const quantity = cartQuantity(form.quantity);
        return redirect(response, '/cart', { cookies: [sessionCookie(CART_COOKIE, String(quantity))] });
      }
      case 'GET /cart':
        return sendHtml(response, cartPage(cartQuantity(request.cookies[CART_COOKIE])));
      case 'GET /checkout': {
        const quantity = cartQuantity(request.cookies[CART_COOKIE]);
        const checkout: Checkout = { amountMinor: PRODUCT.priceMinor * quantity, quantity, used: false };
        const scriptSubmit = request.url.searchParams.get('submit') === 'script';
        const lang = request.url.searchParams.get('lang') === 'fr' ? 'fr' : 'en';
        const hostedFields = request.url.searchParams.get('fields') === 'hosted';
        return sendHtml(response, checkoutPage({ checkoutToken: checkouts.create(checkout), ...checkout, scriptSubmit, lang, hostedFields }));
      }
      case 'GET /hosted-card':
        return sendHtml(response, hostedCardPage());
      case 'GET /wallet':
        return sendHtml(response, walletPage());
      case 'POST /order': {
        const form = await request.readForm();
        const token = form.checkout_token ?? '';
        const checkout = checkouts.get(token);
        if (!checkout) {
          record('unknown-checkout', token, undefined);
          return sendHtml(response, orderProblemPage('Checkout expired', 'This checkout is no longer valid. Start again from your cart.'), { status: 400 });
        }
        // Idempotency: one checkout token places at most one order, however often the form is sent.
        if (checkout.used) {
          record('duplicate', token, checkout);
          return sendHtml(response, orderProblemPage('Order already placed', 'This order was already placed. You have not been charged twice.'), { status: 409 });
        }
        const problem = cardProblem(form.payment_token !== undefined ? cardOfToken(form.payment_token) : {
          number: form.card_number ?? '',
          expiry: form.card_expiry ?? '',
          cvc: form.card_cvc ?? '',
          holder: form.card_holder ?? '',
        });
        if (problem) {
          record('card-declined', token, checkout);
          const view = { checkoutToken: token, ...checkout, error: problem, holder: form.card_holder };
          return sendHtml(response, checkoutPage(view), { status: 422 });
        }
        checkout.used = true;
        const placed = record('placed', token, checkout);
        return sendHtml(response, confirmationPage(placed.orderNumber!, checkout.amountMinor), { cookies: [expiredCookie(CART_COOKIE)] });
      }
      default:
        return sendNotFound(response);
    }
  };
}

/** The hosted-field frame's token: the card, encoded (a real provider would hand an opaque reference). */
function cardOfToken(token: string): CardFields {
  try {
    const card = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Partial<CardFields>;
    return { number: String(card.number ?? ''), expiry: String(card.expiry ?? ''), cvc: String(card.cvc ?? ''), holder: String(card.holder ?? '') };
  } catch {
    return { number: '', expiry: '', cvc: '', holder: '' };
  }
}
