import type { FormSignal } from '../../form-signal';

/** A field that asks for a one-time code, with no password beside it. */
export const codeField: FormSignal = {
  name: 'code-field',
  score({ otpFields, passwords, cardFields }) {
    if (otpFields.length === 0 || passwords.length > 0 || cardFields.length > 0) return {};
    return { 'one-time-code': otpFields.some((f) => f.autocomplete.includes('one-time-code')) ? 8 : 6 };
  },
};
