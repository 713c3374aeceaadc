import type { FormSignal } from '../../form-signal';
import { keywordVotes } from '../../keyword-votes';

/** Words on the form's action buttons (`Sign in`, `Créer un compte`, `検索`). */
export const buttonText: FormSignal = {
  name: 'button-text',
  score(group) {
    return keywordVotes(group.buttonText, 3);
  },
};
