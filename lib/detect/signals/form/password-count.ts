import type { FormSignal } from '../../form-signal';

/**
 * How many visible password boxes a form has: one for signing in, two for choosing one (sign-up, or
 * a reset without an identifier), three for changing one.
 */
export const passwordCount: FormSignal = {
  name: 'password-count',
  score({ passwords, identifiers }) {
    const n = passwords.length;
    // No password: not an account form, whatever the button says ("Sign up" for a newsletter).
    if (n === 0) return { 'sign-up': -3, 'change-password': -4 };
    if (n === 1) return identifiers.length <= 1 ? { login: 4 } : { 'sign-up': 2, login: 2 };
    if (n === 2) return identifiers.length > 0 ? { 'sign-up': 4, 'change-password': 1 } : { 'change-password': 4, 'sign-up': 1 };
    return { 'change-password': 7 };
  },
};
