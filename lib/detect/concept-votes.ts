import type { FieldFacts, FieldScores } from './field-facts';
import { mentions } from './lexicon';

/** Shared by the name and label signals: one vote per concept the text names. */
export function conceptVotes(text: string, facts: FieldFacts, weight: number): FieldScores {
  const out: FieldScores = {};
  if (!text) return out;
  const selectOrText = facts.type === 'select' || facts.type === 'text' || facts.type === 'tel' || facts.type === 'number';
  const card = mentions(text, 'cardNumber');
  const csc = mentions(text, 'cardCsc');
  if (mentions(text, 'password') && facts.type !== 'select') out.password = weight;
  if (mentions(text, 'username') || mentions(text, 'email')) out.identifier = weight;
  if (mentions(text, 'otp') && !csc && !card) out.otp = weight + 1;
  if (card && selectOrText) out['card-number'] = weight + 1;
  if (mentions(text, 'cardExpiry')) out['card-expiry'] = weight + 1;
  // Card codes are often masked (type=password): the label wins over the type there.
  if (csc && facts.type !== 'select') out['card-csc'] = weight + (facts.type === 'password' ? 6 : 1);
  if (mentions(text, 'cardHolder')) out['card-holder'] = weight + 2;
  if (mentions(text, 'search')) out.search = weight - 1;
  if (mentions(text, 'personal')) out.personal = weight - 1;
  return out;
}
