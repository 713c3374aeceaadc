import type { FormSignal } from '../../form-signal';

/** Card number, expiry, security code and holder fields mean a payment. */
export const cardFields: FormSignal = {
  name: 'card-fields',
  score({ cardFields: cards }) {
    const kinds = new Set(cards.map((f) => f.fieldClass));
    if (kinds.has('card-number') || kinds.size >= 2) return { payment: 9 };
    if (kinds.size === 1 && !kinds.has('card-holder')) return { payment: 3 };
    return {};
  },
};
