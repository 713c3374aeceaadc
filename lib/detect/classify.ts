import { FORM_SIGNALS } from './signals/form';
import type { KindScores } from './form-signal';
import { groupFacts } from './group-facts';
import type { LabelIndex } from './field-text';
import { assignRoles } from './roles';
import { handleFor, selectorFor } from './selector';
import { chooseSubmit } from './submit-control';
import { FORM_KINDS, type DetectedField, type DetectedForm, type FormKind } from './types';

/** Below this total, a group is `other`: Airlock acts on nothing it is unsure of. */
const MIN_SCORE = 3;

/** Classifies one group of candidate elements. Returns null when none of them is visible. */
export function classifyGroup(root: Element | ShadowRoot, candidates: Element[], labels: LabelIndex): DetectedForm | null {
  const g = groupFacts(root, candidates, labels);
  if (g.fields.length === 0 && g.paymentFrames.length === 0) return null;
  const totals: KindScores = {};
  for (const signal of FORM_SIGNALS) {
    let votes: KindScores;
    try {
      votes = signal.score(g);
    } catch {
      // One broken signal must not take the others down; it simply does not vote.
      continue;
    }
    for (const kind of Object.keys(votes) as FormKind[]) totals[kind] = (totals[kind] ?? 0) + (votes[kind] ?? 0);
  }
  let kind: FormKind = 'other';
  let best = 0;
  let second = 0;
  for (const k of FORM_KINDS) {
    const value = totals[k] ?? 0;
    if (value > best) {
      second = best;
      best = value;
      kind = k;
    } else if (value > second) second = value;
  }
  if (best < MIN_SCORE) kind = 'other';
  const fields: DetectedField[] = [];
  if (kind !== 'other') {
    for (const [element, role] of assignRoles(kind, g)) fields.push({ role, selector: selectorFor(element), element });
    const submit = chooseSubmit(kind, g.buttons);
    if (submit) fields.push({ role: 'submit', selector: selectorFor(submit), element: submit });
  }
  return {
    kind,
    handle: handleFor(root),
    fields,
    confidence: kind === 'other' || best === 0 ? 0 : Math.round(((best - second) / best) * 100) / 100,
    root,
  };
}
