import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../lib/errors/airlock-error';
import type { ErrorCode } from '../../../lib/errors/codes';
import type { SessionKeyArea, SessionKeyState } from '../../../lib/vault/vault';
import { manualClock, openTestVault, TEST_ITERATIONS } from './vault-fixture';
import { Vault } from '../../../lib/vault/vault';

const MASTER = 'correct horse battery staple';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<AirlockError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AirlockError);
  expect((error as AirlockError).code).toBe(code);
  return error as AirlockError;
}

async function createdVault(options = {}) {
  const fixture = await openTestVault(options);
  await fixture.vault.create(MASTER);
  return fixture;
}

describe('Vault: keyring', () => {
  it('a wrong master password gives VAULT_WRONG_PASSWORD and changes nothing', async () => {
    const { vault, db } = await createdVault();
    await vault.add({ origins: ['https://example.com'], username: 'ada', password: 'pw-1' });
    await vault.lock();
    const keyringBefore = await db.get('meta', 'keyring');
    const entriesBefore = await db.getAll('entries');

    const error = await expectCode(vault.unlock('wrong password'), 'VAULT_WRONG_PASSWORD');
    expect(error.message).not.toContain('wrong password');
    expect(vault.isUnlocked).toBe(false);
    expect(await db.get('meta', 'keyring')).toEqual(keyringBefore);
    expect(await db.getAll('entries')).toEqual(entriesBefore);

    // Unlocked, a wrong password does not lock it either.
    await vault.unlock(MASTER);
    await expectCode(vault.unlock('wrong password'), 'VAULT_WRONG_PASSWORD');
    expect(vault.isUnlocked).toBe(true);
  });

  it('unlocking a vault that was never created gives VAULT_NOT_CREATED; creating twice VAULT_ALREADY_CREATED', async () => {
    const { vault } = await openTestVault();
    expect(await vault.isCreated()).toBe(false);
    await expectCode(vault.unlock(MASTER), 'VAULT_NOT_CREATED');
    await vault.create(MASTER);
    await expectCode(vault.create('another'), 'VAULT_ALREADY_CREATED');
    await expectCode(vault.create(''), 'VAULT_PASSWORD_REJECTED');
  });

  it('change password re-wraps the key and keeps every entry', async () => {
    const { vault, db } = await createdVault();
    const one = await vault.add({ origins: ['https://a.example'], username: 'ada', password: 'pw-a' });
    await vault.add({ origins: ['https://b.example'], username: 'bob', password: 'pw-b', totp: TOTP_SECRET });
    const entriesBefore = await db.getAll('entries');

    await expectCode(vault.changePassword('not it', 'new password'), 'VAULT_WRONG_PASSWORD');
    await vault.changePassword(MASTER, 'new password');
    expect(await db.getAll('entries')).toEqual(entriesBefore);

    await vault.lock();
    await expectCode(vault.unlock(MASTER), 'VAULT_WRONG_PASSWORD');
    await vault.unlock('new password');
    expect((await vault.list()).entries).toHaveLength(2);
    expect(await vault.reveal(one.id, { kind: 'fill', frameOrigin: 'https://a.example' })).toEqual({ kind: 'password', username: 'ada', password: 'pw-a' });
  });

  it('keeps the key unwrapped only in memory: nothing in the database opens without the password', async () => {
    const { vault, db } = await createdVault();
    // A username long enough that random ids and ciphertext cannot contain it by chance ('ada' can: '4ada' in a UUID).
    await vault.add({ origins: ['https://example.com'], username: 'ada.lovelace@example.org', password: 'super-secret-pw' });
    const dump = JSON.stringify([await db.getAll('meta'), await db.getAll('entries')], (_key, value: unknown) =>
      value instanceof Uint8Array ? new TextDecoder('latin1').decode(value) : value,
    );
    expect(dump).not.toContain('super-secret-pw');
    expect(dump).not.toContain('ada.lovelace@example.org');
    expect(dump).not.toContain(MASTER);
  });

  it('operations on a locked vault give VAULT_LOCKED', async () => {
    const { vault } = await createdVault();
    await vault.lock();
    await expectCode(vault.list(), 'VAULT_LOCKED');
    await expectCode(vault.add({ origins: ['https://example.com'], username: 'a', password: 'b' }), 'VAULT_LOCKED');
    await expectCode(vault.findByOrigin('https://example.com'), 'VAULT_LOCKED');
  });

  it('locks itself after the idle time, and activity postpones it', async () => {
    const clock = manualClock();
    const locks: string[] = [];
    const { vault } = await createdVault({ now: clock.now, timers: clock.timers, idleLockMs: 60_000 });
    vault.onLock((reason) => locks.push(reason));
    clock.advance(59_000);
    await vault.list();
    clock.advance(59_000);
    expect(vault.isUnlocked).toBe(true);
    clock.advance(1_000);
    expect(vault.isUnlocked).toBe(false);
    expect(locks).toEqual(['idle']);
    await expectCode(vault.list(), 'VAULT_LOCKED');
  });

  it('locks on idle even when the timer never fired (the worker was suspended)', async () => {
    let time = 0;
    const { vault } = await createdVault({ now: () => time, timers: { set: () => 0, clear: () => undefined }, idleLockMs: 1_000 });
    time = 5_000;
    await expectCode(vault.list(), 'VAULT_LOCKED');
  });

  it('survives a worker restart through the session area, and not past the idle time', async () => {
    let stored: SessionKeyState | null = null;
    const session: SessionKeyArea = {
      get: async () => stored,
      set: async (state) => {
        stored = state;
      },
      clear: async () => {
        stored = null;
      },
    };
    const clock = manualClock();
    const options = { session, now: clock.now, timers: clock.timers, idleLockMs: 60_000, iterations: TEST_ITERATIONS };
    const { vault, db } = await createdVault(options);
    const entry = await vault.add({ origins: ['https://example.com'], username: 'ada', password: 'pw' });
    expect(stored).not.toBeNull();

    const restarted = new Vault(db, options);
    expect(restarted.isUnlocked).toBe(false);
    expect(await restarted.resume()).toBe(true);
    expect((await restarted.reveal(entry.id, { kind: 'fill', frameOrigin: 'https://example.com' })).kind).toBe('password');

    await restarted.lock();
    expect(stored).toBeNull();
    const again = new Vault(db, options);
    expect(await again.resume()).toBe(false);
  });

  it('unlocks with an enrolled passkey PRF output, and not with another one', async () => {
    const { vault } = await createdVault();
    const prfInput = crypto.getRandomValues(new Uint8Array(32));
    const prfOutput = crypto.getRandomValues(new Uint8Array(32));
    await expectCode(vault.addPasskey('wrong', 'cred-1', prfInput, prfOutput), 'VAULT_WRONG_PASSWORD');
    await vault.addPasskey(MASTER, 'cred-1', prfInput, prfOutput);
    expect((await vault.passkeys()).map((passkey) => passkey.credentialId)).toEqual(['cred-1']);
    await vault.lock();
    await expectCode(vault.unlockWithPasskey('cred-1', crypto.getRandomValues(new Uint8Array(32))), 'VAULT_WRONG_PASSWORD');
    await expectCode(vault.unlockWithPasskey('cred-2', prfOutput), 'VAULT_PASSKEY_UNKNOWN');
    await vault.unlockWithPasskey('cred-1', prfOutput);
    expect(vault.isUnlocked).toBe(true);
    // A password change leaves the passkey working.
    await vault.changePassword(MASTER, 'new one');
    await vault.lock();
    await vault.unlockWithPasskey('cred-1', prfOutput);
    expect(vault.isUnlocked).toBe(true);
  });
});

describe('Vault: entries', () => {
  it('adds, lists without secrets, updates and deletes', async () => {
    const { vault } = await createdVault();
    const added = await vault.add({ title: 'Example', origins: ['https://Example.com/login?x=1'], username: 'ada', password: 'pw', totp: TOTP_SECRET, notes: 'recovery: 1234' });
    expect(added.origins).toEqual(['https://example.com']);
    const listing = await vault.list();
    expect(listing.corrupt).toEqual([]);
    expect(listing.entries).toEqual([added]);
    expect(JSON.stringify(listing)).not.toMatch(/pw"|JBSWY|recovery/);
    expect(added).toMatchObject({ hasTotp: true, hasNotes: true, matchMode: 'exact' });

    const updated = await vault.update(added.id, { username: 'ada2', notes: null, totp: null });
    expect(updated).toMatchObject({ username: 'ada2', hasNotes: false, hasTotp: false });
    expect(await vault.reveal(added.id, { kind: 'fill', frameOrigin: 'https://example.com' })).toEqual({ kind: 'password', username: 'ada2', password: 'pw' });

    await vault.delete(added.id);
    expect((await vault.list()).entries).toEqual([]);
    await expectCode(vault.delete(added.id), 'VAULT_ENTRY_NOT_FOUND');
  });

  it('refuses entries for http (non-loopback) or non-web origins and accepts loopback http', async () => {
    const { vault } = await createdVault();
    await expectCode(vault.add({ origins: ['http://example.com'], username: 'a', password: 'b' }), 'VAULT_ENTRY_INVALID');
    await expectCode(vault.add({ origins: ['android://com.example'], username: 'a', password: 'b' }), 'VAULT_ENTRY_INVALID');
    await expectCode(vault.add({ origins: ['https://example.com'], username: 'a', password: '' }), 'VAULT_ENTRY_INVALID');
    await expectCode(vault.add({ origins: ['https://example.com'], username: 'a', password: 'b', totp: 'not base32!' }), 'VAULT_TOTP_INVALID');
    const local = await vault.add({ origins: ['http://127.0.0.1:8080'], username: 'a', password: 'b' });
    expect(local.origins).toEqual(['http://127.0.0.1:8080']);
  });

  it('releases a secret only to a frame whose own origin matches, over HTTPS', async () => {
    const { vault } = await createdVault();
    const entry = await vault.add({ origins: ['https://example.com'], username: 'ada', password: 'pw' });
    await expectCode(vault.reveal(entry.id, { kind: 'fill', frameOrigin: 'https://evil.example' }), 'ORIGIN_MISMATCH');
    await expectCode(vault.reveal(entry.id, { kind: 'fill', frameOrigin: 'https://login.example.com' }), 'ORIGIN_MISMATCH');
    await expectCode(vault.reveal(entry.id, { kind: 'fill', frameOrigin: 'http://example.com' }), 'ORIGIN_INSECURE');
    await expectCode(vault.reveal(entry.id, { kind: 'export' } as never), 'VAULT_ENTRY_INVALID');
    const site = await vault.add({ origins: ['https://example.com'], matchMode: 'site', username: 'ada', password: 'pw' });
    expect((await vault.reveal(site.id, { kind: 'fill', frameOrigin: 'https://login.example.com' })).kind).toBe('password');
  });

  it('computes a one-time code inside the vault; the TOTP secret never leaves', async () => {
    const clock = manualClock(59_000);
    const { vault } = await createdVault({ now: clock.now, timers: clock.timers });
    const entry = await vault.add({ origins: ['https://example.com'], username: 'ada', password: 'pw', totp: TOTP_SECRET });
    const otp = await vault.reveal(entry.id, { kind: 'otp', frameOrigin: 'https://example.com' });
    expect(otp).toEqual({ kind: 'otp', code: expect.stringMatching(/^\d{6}$/), expiresAt: 60_000 });
    const plain = await vault.add({ origins: ['https://example.com'], username: 'bob', password: 'pw' });
    await expectCode(vault.reveal(plain.id, { kind: 'otp', frameOrigin: 'https://example.com' }), 'VAULT_TOTP_MISSING');
  });

  it('finds entries by origin through the index: exact, site-wide, never over http', async () => {
    const { vault } = await createdVault();
    const exact = await vault.add({ origins: ['https://example.com', 'https://accounts.example.com'], username: 'a', password: 'p' });
    const site = await vault.add({ origins: ['https://shop.example.com'], matchMode: 'site', username: 'b', password: 'p' });
    await vault.add({ origins: ['https://other.test'], username: 'c', password: 'p' });
    await vault.add({ origins: ['https://example.com:8443'], username: 'd', password: 'p' });

    const ids = async (origin: string) => (await vault.findByOrigin(origin)).entries.map((entry) => entry.id).sort();
    expect(await ids('https://example.com')).toEqual([exact.id, site.id].sort());
    expect(await ids('https://accounts.example.com')).toEqual([exact.id, site.id].sort());
    expect(await ids('https://www.example.com')).toEqual([site.id]);
    expect(await ids('http://example.com')).toEqual([]);
    expect(await ids('https://example.com.evil.test')).toEqual([]);
  });

  it('a flipped ciphertext byte gives VAULT_RECORD_CORRUPT for that record only', async () => {
    const { vault, db } = await createdVault();
    const good = await vault.add({ origins: ['https://example.com'], username: 'good', password: 'pw-good' });
    const bad = await vault.add({ origins: ['https://example.com'], username: 'bad', password: 'pw-bad' });
    const record = (await db.get('entries', bad.id))!;
    record.secret.ct[3]! ^= 0x01;
    await db.put('entries', record);

    await expectCode(vault.reveal(bad.id, { kind: 'fill', frameOrigin: 'https://example.com' }), 'VAULT_RECORD_CORRUPT');
    expect(await vault.reveal(good.id, { kind: 'fill', frameOrigin: 'https://example.com' })).toEqual({ kind: 'password', username: 'good', password: 'pw-good' });

    record.profile.ct[0]! ^= 0x80;
    await db.put('entries', record);
    const listing = await vault.findByOrigin('https://example.com');
    expect(listing.entries.map((entry) => entry.id)).toEqual([good.id]);
    expect(listing.corrupt).toEqual([{ id: bad.id, code: 'VAULT_RECORD_CORRUPT' }]);
    // The damaged record can still be deleted.
    await vault.delete(bad.id);
    expect((await vault.list()).corrupt).toEqual([]);
  });

  it('rejects ciphertexts swapped between two records', async () => {
    const { vault, db } = await createdVault();
    const mine = await vault.add({ origins: ['https://bank.example'], username: 'me', password: 'bank-pw' });
    const theirs = await vault.add({ origins: ['https://forum.example'], username: 'me', password: 'forum-pw' });
    const a = (await db.get('entries', mine.id))!;
    const b = (await db.get('entries', theirs.id))!;
    await db.put('entries', { ...b, secret: a.secret });
    await expectCode(vault.reveal(theirs.id, { kind: 'fill', frameOrigin: 'https://forum.example' }), 'VAULT_RECORD_CORRUPT');
    // Nor can a record be pointed at another origin, or widened to the whole site, on disk.
    await db.put('entries', { ...a, origins: ['https://forum.example'], originKeys: ['https://forum.example'] });
    await expectCode(vault.reveal(mine.id, { kind: 'fill', frameOrigin: 'https://forum.example' }), 'VAULT_RECORD_CORRUPT');
    await db.put('entries', { ...a, matchMode: 'site' });
    await expectCode(vault.reveal(mine.id, { kind: 'fill', frameOrigin: 'https://bank.example' }), 'VAULT_RECORD_CORRUPT');
  });

  it('imports many entries in one transaction, or none when one is invalid', async () => {
    const { vault } = await createdVault();
    const progress: number[] = [];
    const inputs = Array.from({ length: 1200 }, (_, i) => ({ origins: [`https://site${i}.example`], username: `u${i}`, password: `p${i}` }));
    expect(await vault.importEntries(inputs, (done) => progress.push(done))).toEqual({ added: 1200 });
    expect(progress).toEqual([500, 1000, 1200]);
    await expectCode(vault.importEntries([{ origins: ['https://ok.example'], username: 'a', password: 'b' }, { origins: ['ftp://x'], username: 'a', password: 'b' }]), 'VAULT_ENTRY_INVALID');
    expect((await vault.list()).entries).toHaveLength(1200);
  });
});

describe('Vault: encrypted export', () => {
  it('exports under an export password and re-imports into another vault', async () => {
    const { vault } = await createdVault();
    await vault.add({ title: 'Ex', origins: ['https://example.com'], username: 'ada.lovelace@example.org', password: 'export-secret-pw-1', totp: TOTP_SECRET, notes: 'n' });
    await vault.add({ origins: ['https://shop.example'], matchMode: 'site', username: 'bob', password: 'pw-2' });
    const { text, exported, corrupt } = await vault.exportEncrypted('export pass');
    expect(exported).toBe(2);
    expect(corrupt).toEqual([]);
    // Values long enough that base64 ciphertext cannot contain them by chance.
    expect(text).not.toContain('ada.lovelace@example.org');
    expect(text).not.toContain('export-secret-pw-1');

    const other = await createdVault();
    await expectCode(other.vault.importEncrypted(text, 'wrong'), 'VAULT_EXPORT_WRONG_PASSWORD');
    await expectCode(other.vault.importEncrypted('{"format":"nope"}', 'export pass'), 'VAULT_EXPORT_MALFORMED');
    await expectCode(other.vault.importEncrypted(text.slice(0, text.length / 2), 'export pass'), 'VAULT_EXPORT_MALFORMED');
    expect((await other.vault.list()).entries).toEqual([]);

    expect(await other.vault.importEncrypted(text, 'export pass')).toEqual({ added: 2, duplicates: 0 });
    expect(await other.vault.importEncrypted(text, 'export pass')).toEqual({ added: 0, duplicates: 2 });
    const listing = await other.vault.list();
    const ada = listing.entries.find((entry) => entry.username === 'ada.lovelace@example.org')!;
    expect(ada).toMatchObject({ title: 'Ex', hasTotp: true, hasNotes: true });
    expect(listing.entries.find((entry) => entry.username === 'bob')!.matchMode).toBe('site');
    expect(await other.vault.reveal(ada.id, { kind: 'fill', frameOrigin: 'https://example.com' })).toEqual({ kind: 'password', username: 'ada.lovelace@example.org', password: 'export-secret-pw-1' });
  });

  it('an altered export is refused as a whole', async () => {
    const { vault } = await createdVault();
    await vault.add({ origins: ['https://example.com'], username: 'ada', password: 'pw-1' });
    const { text } = await vault.exportEncrypted('export pass');
    const envelope = JSON.parse(text) as { kdf: { iterations: number } };
    envelope.kdf.iterations += 1;
    await expectCode(vault.importEncrypted(JSON.stringify(envelope), 'export pass'), 'VAULT_EXPORT_WRONG_PASSWORD');
  });
});
