import { describe, expect, it } from 'vitest';
import { makePlaceholder } from '../../../lib/takeover/placeholder';
import { scrub, substitute, urlEncodedBody } from '../../../lib/takeover/swap-body';

const SECRET = 'correct horse "battery" & staple/+%';

describe('placeholders', () => {
  it('fit a password field: letters and digits, its lengths and its pattern', () => {
    const free = makePlaceholder({ maxLength: null, minLength: null, numeric: false, pattern: null });
    expect(free).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(makePlaceholder({ maxLength: 12, minLength: null, numeric: false, pattern: null })).toHaveLength(12);
    expect(makePlaceholder({ maxLength: null, minLength: 30, numeric: false, pattern: null }).length).toBeGreaterThanOrEqual(24);
    const strong = makePlaceholder({ maxLength: 20, minLength: 10, numeric: false, pattern: '(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)(?=.*[!]).{10,20}' });
    expect(strong).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*!).{10,20}$/);
  });

  it('fit a one-time-code field: digits of its length', () => {
    expect(makePlaceholder({ maxLength: 6, minLength: null, numeric: true, pattern: '[0-9]{6}' })).toMatch(/^\d{6}$/);
    expect(makePlaceholder({ maxLength: 8, minLength: 8, numeric: true, pattern: null })).toMatch(/^\d{8}$/);
  });

  it('differ on every fill', () => {
    const seen = new Set(Array.from({ length: 200 }, () => makePlaceholder({ maxLength: null, minLength: null, numeric: false, pattern: null })));
    expect(seen.size).toBe(200);
  });
});

describe('the swap in a request body', () => {
  const placeholder = 'Xk3Qp9TzLm2Rb7Vw4Hs8Jd6N';

  it('writes the secret as a form body encodes it', () => {
    const body = urlEncodedBody([['email', 'ada@example.com'], ['password', placeholder], ['csrf', 't0k']]);
    const out = substitute(body, 'application/x-www-form-urlencoded', placeholder, SECRET);
    expect(out.count).toBe(1);
    expect(new URLSearchParams(out.body).get('password')).toBe(SECRET);
    expect(new URLSearchParams(out.body).get('csrf')).toBe('t0k');
  });

  it('writes the secret JSON-escaped in a JSON body', () => {
    const body = JSON.stringify({ email: 'ada@example.com', password: placeholder });
    const out = substitute(body, 'application/json; charset=utf-8', placeholder, SECRET);
    expect(JSON.parse(out.body)).toEqual({ email: 'ada@example.com', password: SECRET });
  });

  it('finds nothing to replace when the page transformed the value (hashed it, say)', () => {
    expect(substitute(JSON.stringify({ password: 'sha256:abcdef' }), 'application/json', placeholder, SECRET).count).toBe(0);
  });

  it('takes every echo of the secret out of a response', () => {
    const echoed = `<input value="${SECRET.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"> ${JSON.stringify({ p: SECRET })} ${encodeURIComponent(SECRET)} ${SECRET}`;
    const clean = scrub(echoed, SECRET, placeholder);
    expect(clean).not.toContain('horse');
    expect(clean.split(placeholder).length - 1).toBe(4);
  });
});
