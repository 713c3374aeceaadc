import { getDomain } from 'tldts';
import { decodePunycode } from './punycode-decode';
import type { MatchMode } from './vault-crypto';

export type { MatchMode } from './vault-crypto';

export interface ParsedOrigin {
  scheme: 'https' | 'http';
  /** ASCII (Punycode) host as the URL parser serialises it; IPv6 in brackets. */
  host: string;
  /** Empty for the scheme's default port. */
  port: string;
  /** `scheme://host[:port]`, the serialisation browsers report as `sender.origin`. */
  origin: string;
}

export type OriginRefusal = 'invalid' | 'insecure' | 'mismatch';
export type OriginVerdict = { ok: true } | { ok: false; reason: OriginRefusal };

/** Parses an http(s) origin or URL; null for other schemes (`android://`, `chrome://`, `file:`, ...). */
export function parseOrigin(input: string): ParsedOrigin | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.hostname === '') return null;
  return { scheme: url.protocol === 'https:' ? 'https' : 'http', host: url.hostname, port: url.port, origin: url.origin };
}

/** Loopback hosts, which W3C Secure Contexts §3.1 treats as potentially trustworthy even over http. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** HTTPS, or http on loopback: the only origins a credential is stored for or released to. */
export function isTrustworthyOrigin(origin: ParsedOrigin): boolean {
  return origin.scheme === 'https' || isLoopbackHost(origin.host);
}

/** The canonical origin of an http(s) URL when it is trustworthy; null otherwise. */
export function normalizeOrigin(input: string): string | null {
  const parsed = parseOrigin(input);
  return parsed && isTrustworthyOrigin(parsed) ? parsed.origin : null;
}

/**
 * Scheme, registrable domain (Public Suffix List, private section included so that `a.github.io`
 * and `b.github.io` stay apart) and port. Null where there is no registrable domain (IP addresses,
 * `localhost`, a bare public suffix): those origins only ever match exactly.
 */
export function siteOf(origin: ParsedOrigin): string | null {
  const domain = getDomain(origin.host, { allowPrivateDomains: true });
  if (!domain) return null;
  return `${origin.scheme}://${domain}${origin.port ? `:${origin.port}` : ''}`;
}

/**
 * Whether a frame whose own origin is `frameOrigin` may receive a credential stored for `stored`.
 * `exact` (the default) compares scheme, host and port; `site`, which only the human chooses,
 * widens the host to its registrable domain and still demands the same scheme and port. Either way
 * the frame must be HTTPS or loopback, so an http downgrade of a stored https origin never matches.
 */
export function matchOrigin(stored: string, frameOrigin: string, mode: MatchMode = 'exact'): OriginVerdict {
  const frame = parseOrigin(frameOrigin);
  const entry = parseOrigin(stored);
  if (!frame || !entry) return { ok: false, reason: 'invalid' };
  if (!isTrustworthyOrigin(frame) || !isTrustworthyOrigin(entry)) return { ok: false, reason: 'insecure' };
  if (frame.origin === entry.origin) return { ok: true };
  if (mode === 'site') {
    const frameSite = siteOf(frame);
    if (frameSite !== null && frameSite === siteOf(entry)) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
}

/** Keys under which an entry is indexed: each origin, plus its site when the entry matches by site. */
export function entryIndexKeys(origins: readonly string[], mode: MatchMode): string[] {
  const keys = new Set<string>();
  for (const origin of origins) {
    const parsed = parseOrigin(origin);
    if (!parsed) continue;
    keys.add(parsed.origin);
    if (mode === 'site') {
      const site = siteOf(parsed);
      if (site) keys.add(`site:${site}`);
    }
  }
  return [...keys];
}

/** Keys to look a frame origin up by: candidates only; `matchOrigin` makes the decision. */
export function frameLookupKeys(frameOrigin: string): string[] {
  const parsed = parseOrigin(frameOrigin);
  if (!parsed || !isTrustworthyOrigin(parsed)) return [];
  const site = siteOf(parsed);
  return site ? [parsed.origin, `site:${site}`] : [parsed.origin];
}

export type ConfusableReason = 'punycode' | 'invalid-punycode' | 'mixed-script' | 'lookalike-characters';

// Letters of other scripts that render like Latin letters or digits (a selection from Unicode
// TR #39 confusables.txt): the material of homograph attacks such as "аpple.com" with a Cyrillic "а".
const LATIN_LOOKALIKES = new Set(
  [
    // Cyrillic
    'а', 'в', 'е', 'к', 'м', 'н', 'о', 'р', 'с', 'т', 'у', 'х', 'ѕ', 'і', 'ї', 'ј', 'ԁ', 'ԛ', 'ԝ', 'һ', 'ӏ', 'ь', 'ɡ', 'ѵ', 'ԍ', 'ո',
    // Greek
    'α', 'β', 'γ', 'ε', 'ι', 'κ', 'ν', 'ο', 'ρ', 'τ', 'υ', 'χ', 'ω',
    // Armenian and others
    'օ', 'ս', 'ց', 'հ', 'ք', 'ı', 'ȷ', 'ℓ',
  ],
);

const SCRIPT_TESTS: ReadonlyArray<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  // Chinese and Japanese writing mix these legitimately; treat them as one group.
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];

function scriptOf(char: string): string | null {
  for (const [name, test] of SCRIPT_TESTS) if (test.test(char)) return name;
  return /\p{L}/u.test(char) ? 'Other' : null;
}

/**
 * Why a host may deceive the human (an approval prompt shows these as warnings): Punycode labels,
 * labels mixing scripts (Latin with Cyrillic, say), and letters that look like Latin ones.
 * Latin mixed with Chinese / Japanese / Korean is common and not reported as mixed by itself.
 */
export function confusableHostReasons(host: string): ConfusableReason[] {
  const reasons = new Set<ConfusableReason>();
  for (const rawLabel of host.toLowerCase().replace(/\.$/, '').split('.')) {
    let label = rawLabel;
    if (rawLabel.startsWith('xn--')) {
      reasons.add('punycode');
      const decoded = decodePunycode(rawLabel.slice(4));
      if (decoded === null) {
        reasons.add('invalid-punycode');
        continue;
      }
      label = decoded;
    }
    if (/^[\x20-\x7e]*$/.test(label)) continue;
    const scripts = new Set<string>();
    for (const char of label) {
      const script = scriptOf(char);
      if (script) scripts.add(script);
      if (LATIN_LOOKALIKES.has(char)) reasons.add('lookalike-characters');
    }
    const others = [...scripts].filter((script) => script !== 'CJK' && script !== 'Latin');
    if (others.length > 1 || (others.length === 1 && scripts.size > 1)) reasons.add('mixed-script');
  }
  return [...reasons];
}

export function isConfusableHost(host: string): boolean {
  return confusableHostReasons(host).length > 0;
}

/** The Unicode form of a host for display beside its ASCII form; labels that fail to decode stay ASCII. */
export function hostForDisplay(host: string): string {
  return host
    .split('.')
    .map((label) => (label.toLowerCase().startsWith('xn--') ? (decodePunycode(label.slice(4)) ?? label) : label))
    .join('.');
}
