/**
 * Text a page declares (a payee, an item's name, a field's label) shown to the human beside what the
 * browser reports. A page can make such text lie about itself: a right-to-left override reverses what
 * follows it (CVE-2021-42574, "Trojan Source"), zero-width and other invisible characters hide inside
 * a name, letters from another alphabet make a lookalike (a Cyrillic "а" in "Pаypal"), a newline or a
 * very long name pushes what matters out of sight, and a payee can be named "Amount: $1". So it is
 * shown, never obeyed: controls and invisibles appear as visible code points, length is capped, and
 * what looks like a lie is flagged for the human to see.
 */
export type PageTextFlag = 'bidi' | 'control' | 'invisible' | 'truncated' | 'mixed-scripts' | 'claims-amount';

export interface PageText {
  text: string;
  flags: PageTextFlag[];
}

/** Bidirectional formatting characters (Unicode UAX #9): embeddings, overrides, isolates and marks. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Other invisible format characters: zero-width space and joiners, word joiner, BOM, soft hyphen, tags. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF\u{E0000}-\u{E007F}]/u;
// Matching control characters is this pattern's purpose.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const AMOUNT_WORDS = /\b(amount|total|price|sum|montant|prix|somme)\b|合計|金額|[$€£¥]\s?\d|\d\s?[$€£¥]/iu;
const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u, /\p{Script=Cherokee}/u] as const;

const codePoint = (char: string) => `[U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;

/** `max`: the longest text shown, in characters, before it is cut with an ellipsis. */
export function pageText(value: string | null | undefined, max = 80): PageText {
  const flags = new Set<PageTextFlag>();
  let out = '';
  let count = 0;
  for (const char of (value ?? '').normalize('NFC')) {
    let shown = char;
    if (BIDI.test(char)) {
      flags.add('bidi');
      shown = codePoint(char);
    } else if (INVISIBLE.test(char)) {
      flags.add('invisible');
      shown = codePoint(char);
    } else if (char === '\n' || char === '\r' || char === '\t') {
      flags.add('control');
      shown = ' ';
    } else if (CONTROL.test(char)) {
      flags.add('control');
      shown = codePoint(char);
    }
    if (count >= max) {
      flags.add('truncated');
      out += '…';
      break;
    }
    out += shown;
    count++;
  }
  // Letters of two confusable alphabets in one word: a lookalike of a name people know.
  for (const word of out.split(/\s+/)) {
    if (SCRIPTS.filter((script) => script.test(word)).length > 1) flags.add('mixed-scripts');
  }
  if (AMOUNT_WORDS.test(out)) flags.add('claims-amount');
  return { text: out, flags: [...flags] };
}
