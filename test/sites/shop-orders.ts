export type OrderStatus = 'placed' | 'duplicate' | 'card-declined' | 'unknown-checkout';

/** What the shop knows about an order attempt. Card data is never recorded, only whether it was valid. */
export interface OrderAttempt {
  status: OrderStatus;
  checkoutToken: string;
  /** Decimal string in major units, e.g. "42.00". */
  amount: string;
  amountMinor: number;
  currency: string;
  payee: string;
  orderNumber?: string;
  at: number;
}

export type PlacedOrder = OrderAttempt & { status: 'placed'; orderNumber: string };

export interface ShopRecords {
  /** Orders the shop accepted; a test asserting "exactly once" counts these. */
  orders: PlacedOrder[];
  /** Every POST /order, accepted or not (duplicates, declined cards, unknown checkouts). */
  attempts: OrderAttempt[];
}

export function formatMoney(amountMinor: number, currency: string, locale = 'en-IE'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amountMinor / 100);
}

export function decimalAmount(amountMinor: number): string {
  return (amountMinor / 100).toFixed(2);
}
