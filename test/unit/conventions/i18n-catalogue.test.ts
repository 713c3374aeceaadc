import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './import-graph';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const load = (locale: string): Catalogue => JSON.parse(readFileSync(join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8'));
const LOCALES = ['en', 'fr', 'ja'];

describe('i18n catalogue', () => {
  const en = load('en');

  it.each(LOCALES)('%s has exactly the English keys, each non-empty, with the same placeholders', (locale) => {
    const catalogue = load(locale);
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(entry.message.trim(), `${locale}:${key}`).not.toBe('');
      expect(Object.keys(entry.placeholders ?? {}).sort(), `${locale}:${key}`).toEqual(Object.keys(en[key]!.placeholders ?? {}).sort());
    }
  });

  it('every key the code asks for exists (literal t() calls and the signal/scope families)', () => {
    const files = [...sourceFiles('components'), ...sourceFiles('lib'), ...sourceFiles('entrypoints')];
    const keys = new Set<string>();
    for (const file of files) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      for (const m of source.matchAll(/\bt(?:Count)?\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(m[1]!);
    }
    for (const source of ['handshake', 'managed', 'debugger', 'navigation', 'headless', 'webdriver']) keys.add(`signal_${source}`);
    for (const agent of ['navigation', 'headless', 'webdriver', 'debugger', 'managed', 'human_tab', 'human_window', 'human_always', 'unknown']) keys.add(`agentBy_${agent}`);
    for (const scope of ['tab', 'window', 'always']) keys.add(`scope_${scope}`);
    expect(keys.size).toBeGreaterThan(10);
    expect([...keys].filter((k) => !(k in en))).toEqual([]);
  });

  it('a singular form (<key>_one) has its key, with the same placeholders', () => {
    const singulars = Object.keys(en).filter((key) => key.endsWith('_one'));
    expect(singulars.length).toBeGreaterThan(0);
    for (const key of singulars) {
      const base = key.slice(0, -'_one'.length);
      expect(en[base], key).toBeDefined();
      expect(Object.keys(en[key]!.placeholders ?? {})).toEqual(Object.keys(en[base]!.placeholders ?? {}));
    }
  });

  it('components render no hard-coded English sentence outside the catalogue', () => {
    const offending: string[] = [];
    for (const file of sourceFiles('components')) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      // JSX text of two or more words between tags.
      for (const m of source.matchAll(/>\s*([A-Za-z][a-z]+(?: [a-z]+)+)\s*</g)) offending.push(`${file}: ${m[1]}`);
    }
    expect(offending).toEqual([]);
  });
});
