import type { FormSignal } from '../../form-signal';

/** A payment provider's hosted-field iframe inside the group (see `payment-frames.ts`). */
export const paymentFrame: FormSignal = {
  name: 'payment-frame',
  score({ paymentFrames, passwords }) {
    return paymentFrames.length > 0 && passwords.length === 0 ? { payment: 8 } : {};
  },
};
