import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SealedArea } from '../../../lib/security/sealed-area';
import { deriveIntegrityKey } from '../../../lib/vault/vault-crypto';

const POLICY = 'credentialPolicies.v1';
const PLAIN = 'credentialRequests.v1';

async function setup(options: { key?: boolean } = {}) {
  let key: CryptoKey | null = options.key === false ? null : await deriveIntegrityKey(crypto.getRandomValues(new Uint8Array(32)));
  const forged: string[] = [];
  const make = () => new SealedArea(fakeBrowser.storage.local, [POLICY], { integrityKey: async () => key, onForged: (k) => void forged.push(k) });
  return { area: make(), fresh: make, forged, setKey: async (next: CryptoKey | null) => void (key = next) };
}

describe('sealed records', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads back what the worker wrote, in this worker and in the next one holding the same key', async () => {
    const { area, fresh } = await setup();
    await area.set({ [POLICY]: [{ origin: 'https://mail.example', entryId: 'e1' }] });
    expect((await area.get(POLICY))[POLICY]).toEqual([{ origin: 'https://mail.example', entryId: 'e1' }]);
    expect((await fresh().get(POLICY))[POLICY]).toEqual([{ origin: 'https://mail.example', entryId: 'e1' }]);
  });

  it('counts a record a page wrote, or edited, as absent and reports it once', async () => {
    const { area, fresh, forged } = await setup();
    await fakeBrowser.storage.local.set({ [POLICY]: [{ origin: 'https://evil.example', entryId: 'e1' }] });
    expect(await fresh().get(POLICY)).toEqual({});
    await area.set({ [POLICY]: [{ origin: 'https://mail.example', entryId: 'e1' }] });
    const stored = (await fakeBrowser.storage.local.get(POLICY))[POLICY] as { v: Array<{ origin: string }> };
    stored.v[0]!.origin = 'https://evil.example';
    await fakeBrowser.storage.local.set({ [POLICY]: stored });
    const next = fresh();
    expect(await next.get(POLICY)).toEqual({});
    expect(await next.get(POLICY)).toEqual({});
    expect(forged).toEqual([POLICY, POLICY]);
  });

  it('keeps its own last value while it lives: a page writing storage afterwards is not read back', async () => {
    const { area } = await setup();
    await area.set({ [POLICY]: [] });
    await fakeBrowser.storage.local.set({ [POLICY]: { sealed: 1, v: [{ origin: 'https://evil.example' }], mac: 'AAAA' } });
    expect((await area.get(POLICY))[POLICY]).toEqual([]);
  });

  it('checks nothing before the vault was opened in this worker: every sealed record counts as absent', async () => {
    const { area, fresh, setKey } = await setup();
    await area.set({ [POLICY]: ['kept'] });
    // A restarted worker that has not seen the vault open yet holds no integrity key.
    await setKey(null);
    expect(await fresh().get(POLICY)).toEqual({});
  });

  it('stores writes made before the key unsealed, and seals them once the key is known', async () => {
    const { area, fresh, setKey } = await setup({ key: false });
    await area.set({ [POLICY]: ['early'] });
    expect((await area.get(POLICY))[POLICY]).toEqual(['early']);
    const key = await deriveIntegrityKey(crypto.getRandomValues(new Uint8Array(32)));
    await setKey(key);
    expect(await fresh().get(POLICY)).toEqual({});
    await area.reseal();
    expect((await fresh().get(POLICY))[POLICY]).toEqual(['early']);
  });

  it('does not let a write before the key replace a record it could not check: at the unlock the sealed record stands', async () => {
    const { area, fresh, setKey } = await setup({ key: false });
    const key = await deriveIntegrityKey(crypto.getRandomValues(new Uint8Array(32)));
    await setKey(key);
    await area.set({ [POLICY]: ['kept'] });
    await setKey(null);
    const restarted = fresh();
    // A sweep in the fresh worker reads nothing and writes what is left of nothing.
    await restarted.set({ [POLICY]: [] });
    expect((await restarted.get(POLICY))[POLICY]).toEqual([]);
    expect(((await fakeBrowser.storage.local.get(POLICY))[POLICY] as { v: unknown }).v).toEqual(['kept']);
    await setKey(key);
    await restarted.reseal();
    expect((await restarted.get(POLICY))[POLICY]).toEqual(['kept']);
    expect((await fresh().get(POLICY))[POLICY]).toEqual(['kept']);
  });

  it('keeps a write made before the key over a forged record, sealed at the unlock', async () => {
    const { fresh, setKey } = await setup({ key: false });
    await fakeBrowser.storage.local.set({ [POLICY]: { sealed: 1, v: ['forged'], mac: 'AAAA' } });
    const restarted = fresh();
    await restarted.set({ [POLICY]: ['mine'] });
    await setKey(await deriveIntegrityKey(crypto.getRandomValues(new Uint8Array(32))));
    await restarted.reseal();
    expect((await fresh().get(POLICY))[POLICY]).toEqual(['mine']);
  });

  it('says when a stored record waits for the key, so that what it decides waits for an unlock', async () => {
    const { area, fresh, setKey } = await setup();
    expect(await area.unverified(POLICY)).toBe(false);
    await area.set({ [POLICY]: ['kept'] });
    await setKey(null);
    const restarted = fresh();
    expect(await restarted.unverified(POLICY)).toBe(true);
    expect(await restarted.unverified(PLAIN)).toBe(false);
  });

  it('leaves keys it does not seal untouched', async () => {
    const { area } = await setup();
    await area.set({ [PLAIN]: [1, 2] });
    expect((await fakeBrowser.storage.local.get(PLAIN))[PLAIN]).toEqual([1, 2]);
    await fakeBrowser.storage.local.set({ [PLAIN]: [3] });
    expect((await area.get(PLAIN))[PLAIN]).toEqual([3]);
  });
});
