import type { FormSignal } from '../../form-signal';
import { keywordVotes } from '../../keyword-votes';

/** Words in short help text inside the form, links left out (`No account? Sign up` in a login form). */
export const paragraphText: FormSignal = {
  name: 'paragraph-text',
  score(group) {
    return keywordVotes(group.paragraphText, 1);
  },
};
