import type { ButtonFacts } from './group-facts';
import { mentions, type Concept } from './lexicon';
import type { FormKind } from './types';

const ACTION_WORDS: Partial<Record<FormKind, Concept[]>> = {
  login: ['login', 'next'],
  'sign-up': ['signup', 'next'],
  'change-password': ['changePassword', 'password'],
  'one-time-code': ['otp', 'next'],
  payment: ['pay'],
  search: ['search'],
  newsletter: ['newsletter', 'signup'],
};

const GENERIC = /(^|\s)(submit|save|update|verify|confirm|send|go|ok|valider|envoyer|enregistrer|vérifier|confirmer|送信|保存|変更|確認|認証|更新|登録)(\s|$)|送信|保存|変更する|確認する|認証する|更新する/;

/** The control that submits the form: the action button whose words fit the form's kind best. */
export function chooseSubmit(kind: FormKind, buttons: ButtonFacts[]): Element | null {
  let best: Element | null = null;
  let bestScore = 0;
  for (const button of buttons) {
    if (!button.action) continue;
    let score = 1;
    if (button.submitType) score += 2;
    if ((ACTION_WORDS[kind] ?? []).some((c) => mentions(button.text, c))) score += 3;
    else if (GENERIC.test(button.text)) score += 1;
    if (mentions(button.text, 'thirdParty')) score -= 5;
    if (score > bestScore) {
      best = button.element;
      bestScore = score;
    }
  }
  return best;
}
