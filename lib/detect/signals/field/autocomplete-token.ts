import type { FieldSignal, FieldScores } from '../../field-facts';

/** `autocomplete` tokens are the author's own statement of purpose (WHATWG HTML § autofill field names). */
const TOKENS: Record<string, FieldScores> = {
  'current-password': { password: 12 },
  'new-password': { password: 12 },
  username: { identifier: 10 },
  email: { identifier: 6 },
  webauthn: { identifier: 2 },
  'one-time-code': { otp: 12 },
  'cc-number': { 'card-number': 12 },
  'cc-exp': { 'card-expiry': 12 },
  'cc-exp-month': { 'card-expiry': 12 },
  'cc-exp-year': { 'card-expiry': 12 },
  'cc-csc': { 'card-csc': 12 },
  'cc-name': { 'card-holder': 12 },
  'cc-given-name': { 'card-holder': 12 },
  'cc-family-name': { 'card-holder': 12 },
  name: { personal: 6 },
  'given-name': { personal: 6 },
  'family-name': { personal: 6 },
  nickname: { personal: 3 },
  tel: { personal: 6 },
  'tel-national': { personal: 6 },
  bday: { personal: 6 },
  'street-address': { personal: 6 },
  'address-line1': { personal: 6 },
  'address-line2': { personal: 6 },
  'postal-code': { personal: 6 },
  country: { personal: 6 },
  'country-name': { personal: 6 },
  organization: { personal: 6 },
};

export const autocompleteToken: FieldSignal = {
  name: 'autocomplete-token',
  score(facts) {
    const out: FieldScores = {};
    for (const token of facts.autocomplete) {
      const votes = TOKENS[token];
      if (!votes) continue;
      for (const [key, value] of Object.entries(votes) as [keyof FieldScores, number][]) out[key] = (out[key] ?? 0) + value;
    }
    return out;
  },
};
