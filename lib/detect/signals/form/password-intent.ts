import type { FormSignal, KindScores } from '../../form-signal';

/**
 * Which passwords the fields ask for (autocomplete tokens and labels): a current one beside a new
 * one is a change; new ones beside an identifier are a sign-up; a lone current one is a sign-in.
 */
export const passwordIntent: FormSignal = {
  name: 'password-intent',
  score({ passwords, identifiers }) {
    if (passwords.length === 0) return {};
    const current = passwords.filter((p) => p.passwordHint === 'current').length;
    const fresh = passwords.filter((p) => p.passwordHint === 'new' || p.passwordHint === 'confirm').length;
    const out: KindScores = {};
    if (current > 0 && fresh > 0) out['change-password'] = 5;
    else if (fresh > 0 && identifiers.length > 0) out['sign-up'] = 4;
    else if (fresh > 0) out['change-password'] = 3;
    else if (current > 0 && passwords.length === 1) out.login = 2;
    return out;
  },
};
