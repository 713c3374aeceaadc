/** Precision, recall and F1 for detected forms and field roles against labels. Pure; unit-tested. */

export interface ScoredField {
  /** Element identity in its frame (`e12`), or `s:<selector>` when the selector cannot be resolved. */
  id: string;
  selector: string;
  role: string;
}

export interface ScoredForm {
  kind: string;
  handleId: string;
  handle: string;
  fields: ScoredField[];
}

export interface FrameComparison {
  page: string;
  frame: string;
  expected: ScoredForm[];
  detected: ScoredForm[];
}

export interface Metric {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface Miss {
  page: string;
  frame: string;
  type: 'kind' | 'role' | 'form';
  expected: string;
  detected: string;
  selector: string;
}

export interface EvalResult {
  kinds: Record<string, Metric>;
  roles: Record<string, Metric>;
  confusion: Record<string, Record<string, number>>;
  misses: Miss[];
}

export const SCORED_KINDS = ['login', 'sign-up', 'change-password', 'one-time-code', 'payment', 'search', 'newsletter'];
export const SCORED_ROLES = ['username', 'current-password', 'new-password', 'confirm-password', 'one-time-code', 'card-number', 'card-expiry', 'card-security-code', 'card-holder', 'submit'];
const PASSWORD_ROLES = new Set(['current-password', 'new-password', 'confirm-password']);
const NONE = '(none)';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function score(frames: FrameComparison[]): EvalResult {
  const kindCounts = new Map<string, Counts>(SCORED_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const roleCounts = new Map<string, Counts>([...SCORED_ROLES, 'password'].map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const confusion: Record<string, Record<string, number>> = {};
  const misses: Miss[] = [];
  const bump = (map: Map<string, Counts>, key: string, field: keyof Counts) => {
    const c = map.get(key);
    if (c) c[field]++;
  };
  const confuse = (expected: string, detected: string) => {
    confusion[expected] ??= {};
    confusion[expected][detected] = (confusion[expected][detected] ?? 0) + 1;
  };

  for (const frame of frames) {
    const matched = new Set<ScoredForm>();
    for (const exp of frame.expected) {
      const expIds = new Set(exp.fields.map((f) => f.id));
      const det =
        frame.detected.find((d) => !matched.has(d) && d.fields.some((f) => expIds.has(f.id))) ??
        frame.detected.find((d) => !matched.has(d) && d.handleId === exp.handleId);
      if (det) matched.add(det);
      const got = det?.kind ?? NONE;
      confuse(exp.kind, got);
      if (got === exp.kind) bump(kindCounts, exp.kind, 'tp');
      else {
        bump(kindCounts, exp.kind, 'fn');
        if (got !== NONE) bump(kindCounts, got, 'fp');
        misses.push({ page: frame.page, frame: frame.frame, type: det ? 'kind' : 'form', expected: exp.kind, detected: got, selector: exp.handle });
      }
    }
    for (const det of frame.detected) {
      if (matched.has(det) || det.kind === 'other') continue;
      confuse(NONE, det.kind);
      bump(kindCounts, det.kind, 'fp');
      misses.push({ page: frame.page, frame: frame.frame, type: 'form', expected: NONE, detected: det.kind, selector: det.handle });
    }

    const expected = new Map<string, ScoredField>();
    for (const f of frame.expected.flatMap((x) => x.fields)) expected.set(f.id, f);
    const detected = new Map<string, ScoredField>();
    for (const f of frame.detected.flatMap((x) => x.fields)) detected.set(f.id, f);
    for (const [id, exp] of expected) {
      const got = detected.get(id)?.role ?? NONE;
      if (got === exp.role) bump(roleCounts, exp.role, 'tp');
      else {
        bump(roleCounts, exp.role, 'fn');
        if (got !== NONE) bump(roleCounts, got, 'fp');
        misses.push({ page: frame.page, frame: frame.frame, type: 'role', expected: exp.role, detected: got, selector: exp.selector });
      }
      const expPw = PASSWORD_ROLES.has(exp.role);
      const gotPw = PASSWORD_ROLES.has(got);
      if (expPw && gotPw) bump(roleCounts, 'password', 'tp');
      else if (expPw) bump(roleCounts, 'password', 'fn');
      else if (gotPw) bump(roleCounts, 'password', 'fp');
    }
    for (const [id, det] of detected) {
      if (expected.has(id)) continue;
      bump(roleCounts, det.role, 'fp');
      if (PASSWORD_ROLES.has(det.role)) bump(roleCounts, 'password', 'fp');
      misses.push({ page: frame.page, frame: frame.frame, type: 'role', expected: NONE, detected: det.role, selector: det.selector });
    }
  }
  return { kinds: metrics(kindCounts), roles: metrics(roleCounts), confusion, misses };
}

function metrics(counts: Map<string, Counts>): Record<string, Metric> {
  const out: Record<string, Metric> = {};
  for (const [key, { tp, fp, fn }] of counts) {
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    out[key] = { precision: round(precision), recall: round(recall), f1: round(f1), support: tp + fn, tp, fp, fn };
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}
