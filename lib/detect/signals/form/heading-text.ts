import type { FormSignal } from '../../form-signal';
import { keywordVotes } from '../../keyword-votes';

/** Words in the form's headings and legend, or the heading just above it. */
export const headingText: FormSignal = {
  name: 'heading-text',
  score(group) {
    return keywordVotes(group.headingText, 3);
  },
};
