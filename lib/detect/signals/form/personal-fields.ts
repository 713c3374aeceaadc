import type { FormSignal } from '../../form-signal';

/** Name, phone, birthday or address fields beside a password: an account is being created. */
export const personalFields: FormSignal = {
  name: 'personal-fields',
  score({ fields, passwords, identifiers }) {
    if (passwords.length === 0) return {};
    const personal = fields.filter((f) => f.fieldClass === 'personal' || f.fieldClass === 'unknown').length;
    const extraIds = Math.max(0, identifiers.length - 1);
    const n = personal + extraIds;
    return n > 0 ? { 'sign-up': Math.min(2 + n, 5) } : {};
  },
};
