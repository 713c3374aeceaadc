import { describe, expect, it } from 'vitest';
import { importsOf, reachableFrom, sourceFiles } from './import-graph';

/** Packages each may be imported only under its owner's folder (docs/architecture.md). */
const OWNERS: Record<string, string> = {
  idb: 'lib/vault/',
  '@simplewebauthn/browser': 'lib/webauthn/',
  '@simplewebauthn/server': 'lib/webauthn/',
  jose: 'lib/token/',
};

const CONTENT_FORBIDDEN_DIRS = ['lib/vault/', 'lib/webauthn/', 'lib/token/', 'lib/ui/', 'lib/background/', 'components/'];
const CONTENT_FORBIDDEN_PACKAGES = ['idb', 'jose', '@simplewebauthn/browser', '@simplewebauthn/server', 'preact', '@preact/signals', 'otpauth', 'papaparse', 'tldts'];

describe('module boundaries', () => {
  const content = reachableFrom('entrypoints/content.ts');

  it('the content script reaches no vault, crypto, token, UI or background code', () => {
    expect(content.files.size).toBeGreaterThan(3);
    const offending = [...content.files].filter((f) => CONTENT_FORBIDDEN_DIRS.some((d) => f.startsWith(d)));
    expect(offending).toEqual([]);
  });

  it('the content script imports none of the heavy or secret-handling packages', () => {
    expect([...content.packages].filter((p) => CONTENT_FORBIDDEN_PACKAGES.includes(p))).toEqual([]);
  });

  it('the MAIN-world script (beside every page\'s own code) reaches only its hooks and their protocol', () => {
    const main = reachableFrom('entrypoints/page-hooks.content.ts');
    expect([...main.files].sort()).toEqual(['entrypoints/page-hooks.content.ts', 'lib/content/guard/page-call-protocol.ts', 'lib/content/guard/page-hooks.ts']);
    expect([...main.packages]).toEqual([]);
  });

  it('the walk sees UI code where it is imported, so the checks above can fail', () => {
    // The popup is known to import preact and lib/ui: the same walk must see them.
    const popup = reachableFrom('entrypoints/popup/main.tsx');
    expect(popup.packages.has('preact')).toBe(true);
    expect([...popup.files].some((f) => f.startsWith('lib/ui/'))).toBe(true);
  });

  it.each(Object.entries(OWNERS))('only %s\'s owner imports it', (pkg, owner) => {
    const importers = [...sourceFiles('lib'), ...sourceFiles('entrypoints'), ...sourceFiles('components')].filter((file) =>
      importsOf(file).some((s) => s === pkg || s.startsWith(`${pkg}/`)),
    );
    expect(importers.filter((f) => !f.startsWith(owner))).toEqual([]);
  });

  it('detection code is free of extension APIs, so it runs in any frame and under a DOM library', () => {
    const detect = sourceFiles('lib/detect');
    const offending = detect.filter((file) => importsOf(file).some((s) => s.startsWith('wxt') || s.includes('webextension-polyfill')));
    expect(offending).toEqual([]);
  });
});
