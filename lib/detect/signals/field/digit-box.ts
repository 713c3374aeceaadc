import type { FieldSignal } from '../../field-facts';

/**
 * Shape of a one-time-code box: one character wide (split code inputs) or a short numeric field.
 * Card and phone fields are longer, so they do not match.
 */
export const digitBox: FieldSignal = {
  name: 'digit-box',
  score(facts) {
    if (facts.type === 'password' || facts.type === 'select' || facts.type === 'textarea') return {};
    if (facts.maxLength === 1) return { otp: 5 };
    if (facts.numeric && facts.maxLength >= 4 && facts.maxLength <= 8) return { otp: 2 };
    return {};
  },
};
