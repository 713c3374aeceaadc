import type { FormSignal } from '../../form-signal';
import { keywordVotes } from '../../keyword-votes';

/** Words in the form's own id, class, name, action URL and aria-label. */
export const formAttributes: FormSignal = {
  name: 'form-attributes',
  score(group) {
    return keywordVotes(group.attrText, 2);
  },
};
