import type { FormSignal } from '../../form-signal';
import { mentions } from '../../lexicon';

/**
 * One identifier and nothing else: step one of a username-first sign-in ("Next"), or a newsletter
 * box ("Subscribe"). The button and the autocomplete token tell them apart.
 */
export const loneIdentifier: FormSignal = {
  name: 'lone-identifier',
  score({ fields, identifiers, buttonText, hiddenFields }) {
    if (identifiers.length !== 1 || fields.length > 2) return {};
    if (fields.some((f) => f.fieldClass === 'password' || f.fieldClass === 'otp' || f.fieldClass.startsWith('card-'))) return {};
    const id = identifiers[0]!;
    let login = 0;
    if (id.autocomplete.includes('username')) login += 3;
    if (mentions(buttonText, 'next')) login += 2;
    // A hidden password box waiting for step two.
    if (hiddenFields.some((f) => f.type === 'password')) login += 2;
    if (login > 0) return { login };
    return id.type === 'email' || mentions(`${id.attrs} ${id.label}`, 'email') ? { newsletter: 1 } : {};
  },
};
