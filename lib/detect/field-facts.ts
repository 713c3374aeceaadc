import { attr, inputType } from './dom';
import { attributeText, labelText, type LabelIndex } from './field-text';
import { mentions } from './lexicon';
import { FIELD_SIGNALS } from './signals/field';
import type { FieldClass, PasswordHint } from './types';
import { isVisibleField } from './visibility';

export interface FieldFacts {
  element: Element;
  type: string;
  /** `autocomplete` tokens, lower case (WHATWG HTML § 4.10.18.7.1). */
  autocomplete: string[];
  attrs: string;
  label: string;
  maxLength: number;
  numeric: boolean;
  visible: boolean;
  fieldClass: FieldClass;
  passwordHint: PasswordHint | null;
  /** How sure the winning field class is (its score). */
  score: number;
}

export type FieldScores = Partial<Record<FieldClass, number>>;

/** A field-level signal: reads one field and votes for what it looks like. Listed in `signals/field`. */
export interface FieldSignal {
  name: string;
  score(facts: FieldFacts): FieldScores;
}

const CLASS_ORDER: FieldClass[] = ['password', 'otp', 'card-number', 'card-csc', 'card-expiry', 'card-holder', 'identifier', 'search', 'personal'];

export function fieldFacts(el: Element, labels: LabelIndex): FieldFacts {
  const maxAttr = Number.parseInt(attr(el, 'maxlength'), 10);
  const inputMode = attr(el, 'inputmode').toLowerCase();
  const pattern = attr(el, 'pattern');
  const type = inputType(el);
  const facts: FieldFacts = {
    element: el,
    type,
    autocomplete: attr(el, 'autocomplete').toLowerCase().split(/\s+/).filter(Boolean),
    attrs: attributeText(el),
    label: labelText(el, labels),
    maxLength: Number.isFinite(maxAttr) ? maxAttr : -1,
    numeric: inputMode === 'numeric' || inputMode === 'decimal' || type === 'number' || type === 'tel' || /^\[0-9\]|^\\d/.test(pattern),
    visible: isVisibleField(el),
    fieldClass: 'unknown',
    passwordHint: null,
    score: 0,
  };
  const totals: FieldScores = {};
  for (const signal of FIELD_SIGNALS) {
    const votes = signal.score(facts);
    for (const key of Object.keys(votes) as FieldClass[]) totals[key] = (totals[key] ?? 0) + (votes[key] ?? 0);
  }
  let best: FieldClass = 'unknown';
  let bestScore = 0;
  for (const cls of CLASS_ORDER) {
    const value = totals[cls] ?? 0;
    if (value > bestScore) {
      best = cls;
      bestScore = value;
    }
  }
  facts.fieldClass = best;
  facts.score = bestScore;
  if (best === 'password') facts.passwordHint = passwordHint(facts);
  return facts;
}


function passwordHint(facts: FieldFacts): PasswordHint | null {
  if (facts.autocomplete.includes('current-password')) return 'current';
  const text = `${facts.attrs} ${facts.label}`;
  if (mentions(text, 'confirm')) return 'confirm';
  if (mentions(text, 'currentPassword')) return 'current';
  // Rules ("at least 12 characters") are shown only where a password is being chosen.
  if (facts.autocomplete.includes('new-password') || mentions(text, 'newPassword') || mentions(text, 'passwordRule')) return 'new';
  return null;
}
