import type { FormSignal } from '../../form-signal';
import { normalizeText } from '../../lexicon';

const TERMS = /terms|conditions|privacy|policy|agree|accept|cgu|cgv|j'accepte|politique|利用規約|同意|プライバシー/;
const REMEMBER = /remember|keep me|stay signed|se souvenir|rester connecté|mémoriser|ログイン状態|記憶/;

/** "I accept the terms" belongs to sign-ups; "Remember me" to sign-ins. */
export const consentCheckbox: FormSignal = {
  name: 'consent-checkbox',
  score({ checkboxText, passwords }) {
    if (!checkboxText) return {};
    const text = normalizeText(checkboxText);
    if (REMEMBER.test(text)) return { login: 2 };
    if (TERMS.test(text) && passwords.length > 0) return { 'sign-up': 2 };
    return {};
  },
};
