import type { FormSignal } from '../../form-signal';
import { mentions } from '../../lexicon';

/**
 * An identifier labelled as a new one ("New email") with a password beside it is a settings change
 * confirmed by the password, not a sign-in.
 */
export const newIdentifier: FormSignal = {
  name: 'new-identifier',
  score({ identifiers }) {
    return identifiers.some((f) => mentions(`${f.label} ${f.attrs}`, 'newIdentifier')) ? { login: -6, 'sign-up': -3 } : {};
  },
};
