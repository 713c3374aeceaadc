import { describe, expect, it } from 'vitest';
import { score } from '../../../scripts/eval/score';

const f = (id: string, role: string) => ({ id, selector: id, role });

describe('detection evaluation scoring', () => {
  it('counts kind and role hits, wrong kinds, unlabelled detections and misses', () => {
    const result = score([
      {
        page: 'a.html',
        frame: '',
        expected: [
          { kind: 'login', handleId: 'e1', handle: '#f', fields: [f('e2', 'username'), f('e3', 'current-password')] },
          { kind: 'newsletter', handleId: 'e9', handle: '#n', fields: [f('e10', 'submit')] },
        ],
        detected: [
          { kind: 'login', handleId: 'e1', handle: '#f', fields: [f('e2', 'username'), f('e3', 'current-password'), f('e4', 'submit')] },
          { kind: 'sign-up', handleId: 'e9', handle: '#n', fields: [f('e10', 'submit')] },
        ],
      },
    ]);
    expect(result.kinds.login).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    expect(result.kinds.newsletter).toMatchObject({ tp: 0, fn: 1 });
    expect(result.kinds['sign-up']).toMatchObject({ fp: 1 });
    expect(result.roles.submit).toMatchObject({ tp: 1, fp: 1 });
    expect(result.roles.password).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(result.confusion.newsletter).toEqual({ 'sign-up': 1 });
    expect(result.misses.map((m) => m.type)).toEqual(['kind', 'role']);
  });
});
