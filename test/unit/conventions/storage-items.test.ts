import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STORAGE_ITEMS, sealedKeys, type StorageItem } from '../../../lib/storage/items';
import { sourceFiles } from './import-graph';

const items = Object.entries(STORAGE_ITEMS as Record<string, StorageItem>);
const code = [...sourceFiles('lib'), ...sourceFiles('components'), ...sourceFiles('entrypoints')].map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('storage items', () => {
  it('declares every key once, versioned', () => {
    const keys = items.map(([, item]) => item.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z][A-Za-z]*\.v\d+$/);
  });

  it('is the only place a storage key is written out', () => {
    const literal = /['"`]([a-z][A-Za-z]*\.v\d+)['"`]/g;
    const elsewhere = code
      .filter(({ file }) => file !== 'lib/storage/items.ts')
      .flatMap(({ file, text }) => [...text.matchAll(literal)].map((m) => `${file}: ${m[1]}`));
    expect(elsewhere).toEqual([]);
  });

  it('the check above sees a key written out, so it can fail', () => {
    const literal = /['"`]([a-z][A-Za-z]*\.v\d+)['"`]/g;
    expect([...readFileSync('lib/storage/items.ts', 'utf8').matchAll(literal)].length).toBe(items.length);
  });

  it('no two modules export a key constant under the same name', () => {
    const exported = code.flatMap(({ file, text }) => [...text.matchAll(/export const ([A-Z_]+_KEY)\b/g)].map((m) => ({ name: m[1]!, file })));
    const byName = new Map<string, string[]>();
    for (const { name, file } of exported) byName.set(name, [...(byName.get(name) ?? []), file]);
    expect([...byName].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it('seals the records that grant something', () => {
    expect(sealedKeys('local').sort()).toEqual(['approvalPolicies.v1', 'credentialPolicies.v1', 'inPageFillSites.v1', 'passkeys.v1', 'tokenGrants.v2', 'vaultIdleLock.v1']);
    expect(sealedKeys('session').sort()).toEqual(['approvalGrants.v1', 'credentialContinuations.v1', 'vaultEditSessions.v1']);
  });
});
