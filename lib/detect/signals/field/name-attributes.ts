import type { FieldSignal, FieldScores } from '../../field-facts';
import { conceptVotes } from '../../concept-votes';

/** Words in `name`, `id` and test ids: what the developers called the field. */
export const nameAttributes: FieldSignal = {
  name: 'name-attributes',
  score(facts): FieldScores {
    return conceptVotes(facts.attrs, facts, 3);
  },
};
