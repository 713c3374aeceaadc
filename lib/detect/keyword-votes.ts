import type { KindScores } from './form-signal';
import { mentions, type Concept } from './lexicon';
import type { FormKind } from './types';

const CONCEPT_KIND: [Concept, FormKind][] = [
  ['login', 'login'],
  ['signup', 'sign-up'],
  ['changePassword', 'change-password'],
  ['otp', 'one-time-code'],
  ['pay', 'payment'],
  ['cardNumber', 'payment'],
  ['search', 'search'],
  ['newsletter', 'newsletter'],
];

/** One vote of `weight` for each kind whose words appear in `text`. */
export function keywordVotes(text: string, weight: number): KindScores {
  const out: KindScores = {};
  if (!text) return out;
  for (const [concept, kind] of CONCEPT_KIND) {
    if (mentions(text, concept)) out[kind] = Math.max(out[kind] ?? 0, weight);
  }
  return out;
}
