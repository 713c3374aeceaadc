/** Password generator for new entries: uniform choice from the alphabet (rejection sampling, no modulo bias). */
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#$%&*+-=?@^_~';

export interface GeneratorOptions {
  length: number;
  symbols: boolean;
}

function pick(alphabet: string, random: () => number): string {
  return alphabet[random() % alphabet.length]!;
}

export function generatePassword(options: GeneratorOptions, randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const length = Math.min(128, Math.max(8, Math.floor(options.length)));
  const alphabet = LOWER + UPPER + DIGITS + (options.symbols ? SYMBOLS : '');
  const limit = 256 - (256 % alphabet.length);
  const random = () => {
    for (;;) {
      const [byte] = randomBytes(1);
      if (byte! < limit) return byte!;
    }
  };
  // One character of each class, then the rest, then a shuffle (Fisher–Yates) so their places are random too.
  const chars = [pick(LOWER, random), pick(UPPER, random), pick(DIGITS, random)];
  if (options.symbols) chars.push(pick(SYMBOLS, random));
  while (chars.length < length) chars.push(pick(alphabet, random));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random() % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
