import type { FormSignal } from '../../form-signal';

/** Four to eight one-digit boxes in a row are a one-time code, whatever the labels say. */
export const splitCode: FormSignal = {
  name: 'split-code',
  score({ splitOtp, passwords }) {
    return splitOtp.length > 0 && passwords.length === 0 ? { 'one-time-code': 9 } : {};
  },
};
