import type { GroupFacts } from './group-facts';
import type { FormKind } from './types';

export type KindScores = Partial<Record<FormKind, number>>;

/** A form-level signal: reads one group's facts and votes for kinds. Listed in `signals/form`. */
export interface FormSignal {
  name: string;
  score(group: GroupFacts): KindScores;
}
