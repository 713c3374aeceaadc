/**
 * The stand-in Airlock writes into a password or one-time-code field of an agent's page instead of the
 * secret (docs/credential-swap.md): the page, its frameworks, its validation, `FormData` and every
 * listener see only this. The real value replaces it only in the request Airlock itself sends to the
 * entry's origin. It is random per fill (a page cannot guess the next one) and fits what the field
 * declares, so the page's own checks let the form go.
 */
export interface FieldConstraints {
  maxLength: number | null;
  minLength: number | null;
  /** The field takes digits only (`inputmode=numeric`, a digits pattern, a one-time code). */
  numeric: boolean;
  /** The field's `pattern` attribute (HTML §4.10.5.3.6), matched against the whole value. */
  pattern: string | null;
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const DIGITS = '0123456789';

function draw(alphabet: string, length: number, random: (n: number) => Uint8Array): string {
  let out = '';
  // Rejection sampling keeps every character equally likely.
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte < 256 - (256 % alphabet.length)) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

function fitsPattern(value: string, pattern: string | null): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(`^(?:${pattern})$`, 'v').test(value);
  } catch {
    // A pattern the browser cannot compile is ignored by the browser's validation too.
    return true;
  }
}

/** A placeholder fitting `constraints`: 6 to 10 digits for a code, else about 24 letters and digits. */
export function makePlaceholder(constraints: FieldConstraints, random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const max = constraints.maxLength !== null && constraints.maxLength > 0 ? constraints.maxLength : null;
  const min = constraints.minLength ?? 0;
  if (constraints.numeric) {
    const length = Math.max(min, Math.min(max ?? 6, 10), 4);
    for (let attempt = 0; attempt < 20; attempt++) {
      const digits = draw(DIGITS, length, random);
      if (fitsPattern(digits, constraints.pattern)) return digits;
    }
    return draw(DIGITS, length, random);
  }
  const length = Math.max(Math.min(24, max ?? 24), Math.min(min, max ?? min), 8);
  const fitted = max !== null ? Math.min(length, max) : length;
  for (let attempt = 0; attempt < 20; attempt++) {
    // One of each kind first, for patterns that ask for a letter of each case and a digit.
    const body = draw(ALNUM, Math.max(fitted - 3, 1), random);
    const value = `${draw('ABCDEFGHJKLMNPQRSTUVWXYZ', 1, random)}${draw('abcdefghijkmnopqrstuvwxyz', 1, random)}${draw('23456789', 1, random)}${body}`.slice(0, fitted);
    if (fitsPattern(value, constraints.pattern)) return value;
    const withSymbol = `${value.slice(0, Math.max(fitted - 1, 1))}!`;
    if (fitsPattern(withSymbol, constraints.pattern)) return withSymbol;
  }
  return draw(ALNUM, fitted, random);
}
