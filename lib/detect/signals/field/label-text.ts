import type { FieldSignal, FieldScores } from '../../field-facts';
import { conceptVotes } from '../../concept-votes';

/** Words in the label, placeholder, aria attributes or the text beside the field: what a person reads. */
export const labelTextSignal: FieldSignal = {
  name: 'label-text',
  score(facts): FieldScores {
    return conceptVotes(facts.label, facts, 4);
  },
};
