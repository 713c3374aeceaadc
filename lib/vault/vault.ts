import { AirlockError } from '../errors/airlock-error';
import { fromBase64, randomBytes, toBase64, type Bytes } from './encoding';
import { entryIndexKeys, frameLookupKeys, matchOrigin, normalizeOrigin } from './origin-match';
import { parseTotp, totpCode } from './totp';
import {
  DEFAULT_PBKDF2_ITERATIONS,
  deriveIntegrityKey,
  deriveKeyFromPassword,
  deriveKeyFromPrf,
  exportRawVaultKey,
  generateVaultKey,
  importRawVaultKey,
  isSealedBox,
  newKdfParams,
  openJson,
  recordAad,
  sealJson,
  unwrapVaultKey,
  wrapVaultKey,
  type MatchMode,
  type SealedBox,
} from './vault-crypto';
import { openExport, sealExport, type ExportedEntry } from './vault-export';
import { openGrantSecret, sealGrantSecret, type GrantSecretBinding } from './grant-secrets';
import type { EntryProfile, EntryRecord, EntrySecretFields, KeyringRecord, PasskeyWrap } from './vault-records';
import { openVaultDb, readMeta, VAULT_DB_NAME, type VaultDb } from './vault-store';

export type { MatchMode } from './vault-crypto';

/** What a caller supplies to create an entry. */
export interface EntryInput {
  title?: string;
  /** http(s) origins or URLs; each must be HTTPS or loopback. Stored as origins only. */
  origins: readonly string[];
  /** `exact` unless the human widened it. */
  matchMode?: MatchMode;
  username: string;
  password: string;
  /** Base32 secret or `otpauth://totp/` URI. */
  totp?: string;
  notes?: string;
}

/** Changes to an entry; `null` removes an optional field. */
export interface EntryPatch {
  title?: string;
  origins?: readonly string[];
  matchMode?: MatchMode;
  username?: string;
  password?: string;
  totp?: string | null;
  notes?: string | null;
}

/** An entry as lists show it: no password, no one-time-code secret, no notes. */
export interface EntrySummary {
  id: string;
  title: string;
  origins: string[];
  matchMode: MatchMode;
  username: string;
  hasTotp: boolean;
  hasNotes: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface CorruptRecord {
  id: string;
  code: 'VAULT_RECORD_CORRUPT';
}

/** Entries that opened, and those that did not (reported, skipped; the rest keep working). */
export interface EntryListing {
  entries: EntrySummary[];
  corrupt: CorruptRecord[];
}

/** Why a secret leaves the vault, and for which frame; the vault checks the frame's origin itself. */
export type RevealPurpose = { kind: 'fill'; frameOrigin: string } | { kind: 'otp'; frameOrigin: string };

export type RevealedSecret =
  | { kind: 'password'; username: string; password: string }
  | { kind: 'otp'; code: string; expiresAt: number };

/** `storage.session` in the extension: survives a service-worker restart, never written to disk. */
export interface SessionKeyArea {
  get(): Promise<SessionKeyState | null>;
  set(state: SessionKeyState): Promise<void>;
  clear(): Promise<void>;
}

export interface SessionKeyState {
  /** Base64 raw vault key. */
  key: string;
  lastActivity: number;
}

/**
 * `debugger`: a debugger was attached to Airlock's own targets (lib/background/own-target-watch.ts);
 * `own-page`: an Airlock page was opened where an agent can script it (lib/own-pages/own-page-watch.ts).
 */
export type LockReason = 'manual' | 'idle' | 'debugger' | 'own-page';

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface VaultOptions {
  /** PBKDF2 iterations for new keyrings and exports; tests lower it, production keeps the default. */
  iterations?: number;
  /** Lock after this long without vault activity; 0 never locks on idle. */
  idleLockMs?: number;
  now?: () => number;
  timers?: Timers;
  /** Where the unlocked key is kept across service-worker restarts; without it, only in memory. */
  session?: SessionKeyArea;
  /** Told the idle deadline after activity, a change of idle time and a lock (null), for an alarm that outlives the worker. */
  onIdleDeadline?: (at: number | null) => void;
}

export interface PasskeyInfo {
  credentialId: string;
  /** Base64 PRF input (`extensions.prf.eval.first`) to request from this credential. */
  prfInput: string;
  addedAt: number;
}

export interface ImportOutcome {
  added: number;
  /** Entries already in the vault (same origins and username), left as they are. */
  duplicates: number;
}

export const DEFAULT_IDLE_LOCK_MS = 10 * 60 * 1000;

const LIMITS = { origins: 32, text: 1024, password: 4096, notes: 64 * 1024 } as const;
const SESSION_WRITE_INTERVAL_MS = 15_000;

const defaultTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface OpenedEntry {
  record: EntryRecord;
  profile: EntryProfileV;
  secret: EntrySecretFields;
}

/** Profile plaintext; `hasTotp` / `hasNotes` spare lists from opening the secret. */
interface EntryProfileV extends EntryProfile {
  hasTotp: boolean;
  hasNotes: boolean;
}

/**
 * The password vault. Secrets are sealed with AES-256-GCM under a random vault key; the vault key is
 * stored only wrapped (by the master password's PBKDF2 key, and by passkeys' PRF outputs) and lives
 * unwrapped only in this object (and in `storage.session` when a session area is given).
 */
export class Vault {
  private key: CryptoKey | null = null;
  private lastActivity = 0;
  private lastSessionWrite = 0;
  private timer: unknown = null;
  /** Bumped by every lock, so a session write that was under way when the vault locked is dropped. */
  private generation = 0;
  private readonly lockListeners = new Set<(reason: LockReason) => void>();
  private readonly unlockListeners = new Set<() => void>();
  /** Derived from the vault key at unlock and kept after a lock, for this worker's life (see deriveIntegrityKey). */
  private integrity: CryptoKey | null = null;
  /** Fingerprint of the vault key the integrity key came from, to notice a vault replaced under this worker. */
  private integrityOf: string | null = null;
  private readonly iterations: number;
  private idleLockMs: number;
  private readonly now: () => number;
  private readonly timers: Timers;

  constructor(
    private readonly db: VaultDb,
    private readonly options: VaultOptions = {},
  ) {
    this.iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
    this.idleLockMs = options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS;
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? defaultTimers;
  }

  static async open(options: VaultOptions & { dbName?: string; onTakenAway?: () => void } = {}): Promise<Vault> {
    return new Vault(await openVaultDb(options.dbName ?? VAULT_DB_NAME, undefined, options.onTakenAway), options);
  }

  /** Locks and closes the database connection. */
  async close(): Promise<void> {
    await this.lock();
    this.db.close();
  }

  // ---- keyring ------------------------------------------------------------------------------

  async isCreated(): Promise<boolean> {
    return (await readMeta(this.db, 'keyring')) !== undefined;
  }

  /** When the vault was created (its keyring's own date), or null without one: names this vault. */
  async createdAt(): Promise<number | null> {
    const keyring = await readMeta(this.db, 'keyring');
    return keyring && isKeyring(keyring) ? keyring.createdAt : null;
  }

  get isUnlocked(): boolean {
    return this.key !== null && !this.idleExpired();
  }

  /** Creates the vault (a fresh random vault key wrapped by the master password) and unlocks it. */
  async create(masterPassword: string): Promise<void> {
    requirePassword(masterPassword);
    const vaultKey = await generateVaultKey();
    const kdf = newKdfParams(this.iterations);
    const wrapped = await wrapVaultKey(vaultKey, await deriveKeyFromPassword(masterPassword, kdf), { via: 'password', kdf });
    const now = this.now();
    const keyring: KeyringRecord = { kdf, password: wrapped, passkeys: [], createdAt: now, updatedAt: now };
    const tx = this.db.transaction('meta', 'readwrite');
    if ((await tx.store.get('keyring')) !== undefined) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new AirlockError('VAULT_ALREADY_CREATED', 'A vault already exists');
    }
    await tx.store.add(keyring, 'keyring');
    await tx.done;
    await this.setKey(await exportRawVaultKey(vaultKey));
  }

  /**
   * Unwraps the vault key with the master password. A wrong password throws VAULT_WRONG_PASSWORD and
   * changes nothing: not the lock state, not the database.
   */
  async unlock(masterPassword: string): Promise<void> {
    const raw = await this.unwrapWithPassword(masterPassword);
    await this.setKey(raw);
  }

  /**
   * Checks the master password against the wrapped vault key and forgets the result: the lock state
   * and the database stay as they were. The weaker human confirmation where no passkey is enrolled.
   */
  async verifyPassword(masterPassword: string): Promise<void> {
    const raw = await this.unwrapWithPassword(masterPassword);
    // The password proves the human and yields the integrity key, so sealed records can be checked
    // (and written sealed) even while the vault stays locked.
    await this.takeIntegrityKey(raw);
    raw.fill(0);
  }

  /** Unlocks with the PRF output a passkey produced for its stored PRF input (see `passkeys()`). */
  async unlockWithPasskey(credentialId: string, prfOutput: Uint8Array): Promise<void> {
    const keyring = await this.keyring();
    const wrap = keyring.passkeys.find((candidate) => candidate.credentialId === credentialId);
    if (!wrap) throw new AirlockError('VAULT_PASSKEY_UNKNOWN', 'This passkey is not enrolled for the vault');
    let vaultKey: CryptoKey;
    try {
      const salt = fromBase64(wrap.salt);
      if (!salt) throw new TypeError('salt');
      vaultKey = await unwrapVaultKey(wrap.wrapped, await deriveKeyFromPrf(prfOutput, salt), { via: 'passkey', credentialId }, true);
    } catch {
      throw new AirlockError('VAULT_WRONG_PASSWORD', 'The passkey did not unlock the vault');
    }
    await this.setKey(await exportRawVaultKey(vaultKey));
  }

  /**
   * Enrols a passkey whose authenticator supports the PRF extension: the vault key is also wrapped by
   * a key derived from `prfOutput`. Asks for the master password, so an unlocked vault alone (left
   * open on a shared machine) cannot add a way in.
   */
  async addPasskey(masterPassword: string, credentialId: string, prfInput: Uint8Array, prfOutput: Uint8Array): Promise<void> {
    if (prfOutput.length < 32) throw new AirlockError('VAULT_ENTRY_INVALID', 'The PRF output is too short');
    const raw = await this.unwrapWithPassword(masterPassword);
    const salt = randomBytes(16);
    const wrapped = await wrapVaultKey(await importRawVaultKey(raw, true), await deriveKeyFromPrf(prfOutput, salt), { via: 'passkey', credentialId });
    const wrap: PasskeyWrap = { credentialId, salt: toBase64(salt), wrapped, addedAt: this.now(), prfInput: toBase64(prfInput) };
    await this.updateKeyring((keyring) => ({
      ...keyring,
      passkeys: [...keyring.passkeys.filter((candidate) => candidate.credentialId !== credentialId), wrap],
      updatedAt: this.now(),
    }));
  }

  async removePasskey(credentialId: string): Promise<void> {
    this.requireKey();
    await this.updateKeyring((keyring) => ({ ...keyring, passkeys: keyring.passkeys.filter((wrap) => wrap.credentialId !== credentialId), updatedAt: this.now() }));
  }

  async passkeys(): Promise<PasskeyInfo[]> {
    const keyring = await this.keyring();
    return keyring.passkeys.map((wrap) => ({ credentialId: wrap.credentialId, prfInput: wrap.prfInput, addedAt: wrap.addedAt }));
  }

  /**
   * Re-wraps the vault key under a new master password. Entries are not touched (they stay sealed
   * under the same vault key), nor are passkey wraps. A wrong old password changes nothing.
   */
  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    requirePassword(newPassword);
    const raw = await this.unwrapWithPassword(oldPassword);
    const kdf = newKdfParams(this.iterations);
    const wrapped = await wrapVaultKey(await importRawVaultKey(raw, true), await deriveKeyFromPassword(newPassword, kdf), { via: 'password', kdf });
    await this.updateKeyring((keyring) => ({ ...keyring, kdf, password: wrapped, updatedAt: this.now() }));
  }

  /** Forgets the vault key at once (memory); the returned promise settles when the session area is cleared too. */
  lock(reason: LockReason = 'manual'): Promise<void> {
    const wasUnlocked = this.key !== null;
    this.key = null;
    this.generation++;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    if (wasUnlocked) for (const listener of this.lockListeners) listener(reason);
    this.options.onIdleDeadline?.(null);
    return this.options.session?.clear() ?? Promise.resolve();
  }

  onLock(listener: (reason: LockReason) => void): () => void {
    this.lockListeners.add(listener);
    return () => this.lockListeners.delete(listener);
  }

  onUnlock(listener: () => void): () => void {
    this.unlockListeners.add(listener);
    return () => this.unlockListeners.delete(listener);
  }

  /**
   * The key that seals stored decisions, once this worker has seen the vault unlocked (it outlives a
   * lock, not the worker). Null before: sealed records then cannot be checked and count for nothing.
   */
  integrityKey(): CryptoKey | null {
    return this.integrity;
  }

  /** Counts as activity for the idle lock (call on human interaction with Airlock's pages). */
  touch(): void {
    if (this.key === null) return;
    this.lastActivity = this.now();
    this.armIdleTimer();
    const session = this.options.session;
    if (session && this.lastActivity - this.lastSessionWrite >= SESSION_WRITE_INTERVAL_MS) {
      this.lastSessionWrite = this.lastActivity;
      const generation = this.generation;
      // A failed write only costs a re-unlock after the next worker restart; it must not fail the
      // operation that counted as activity.
      exportRawVaultKey(this.key)
        .then((raw) => (generation === this.generation ? session.set({ key: toBase64(raw), lastActivity: this.lastActivity }) : undefined))
        .catch(() => undefined);
    }
  }

  /** Locks when the idle time has passed; for an alarm that outlives the worker's timers. */
  checkIdle(): void {
    if (this.key !== null && this.idleExpired()) void this.lock('idle');
  }

  /** When an unlocked vault locks if left alone; null when locked or never idle-locked. */
  idleDeadline(): number | null {
    return this.key !== null && this.idleLockMs > 0 ? this.lastActivity + this.idleLockMs : null;
  }

  /** The human changed the idle time: it counts from the last activity, so a shorter one may lock at once. */
  setIdleLockMs(ms: number): void {
    this.idleLockMs = ms;
    if (this.key !== null && this.idleExpired()) void this.lock('idle');
    else if (this.key !== null) this.armIdleTimer();
  }

  /** One timer at the idle deadline (none when never idle-locked), and the deadline told to the alarm. */
  private armIdleTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    const deadline = this.idleDeadline();
    this.timer = deadline === null ? null : this.timers.set(() => this.checkIdle(), deadline - this.now());
    this.options.onIdleDeadline?.(deadline);
  }

  /**
   * After a service-worker restart: takes the key back from the session area unless the idle time
   * ran out meanwhile. The session area is emptied when the browser restarts, so this never
   * survives one.
   */
  async resume(): Promise<boolean> {
    if (this.key !== null) return true;
    const session = this.options.session;
    const state = session ? await session.get() : null;
    if (!session || !state) return false;
    const raw = fromBase64(state.key);
    if (!raw || raw.length !== 32 || (this.idleLockMs > 0 && this.now() - state.lastActivity >= this.idleLockMs)) {
      await session.clear();
      return false;
    }
    this.key = await importRawVaultKey(raw, true);
    await this.takeIntegrityKey(raw);
    this.lastActivity = state.lastActivity;
    this.lastSessionWrite = state.lastActivity;
    this.touch();
    return true;
  }

  // ---- entries ------------------------------------------------------------------------------

  async add(input: EntryInput): Promise<EntrySummary> {
    const key = this.requireKey();
    const now = this.now();
    const opened = await this.sealEntry(key, crypto.randomUUID(), validateInput(input), now, now);
    await this.db.add('entries', opened.record);
    return summarize(opened);
  }

  /**
   * Adds many entries in one transaction (CSV import after the human confirmed the preview): every
   * input is checked and sealed first, so an invalid one throws before anything is written.
   */
  async importEntries(inputs: readonly EntryInput[], onProgress?: (done: number, total: number) => void): Promise<{ added: number }> {
    const key = this.requireKey();
    const valid = inputs.map((input, index) => {
      try {
        return validateInput(input);
      } catch (error) {
        if (error instanceof AirlockError) throw new AirlockError(error.code, `Entry ${index + 1}: ${error.message}`);
        throw error;
      }
    });
    const now = this.now();
    const records: EntryRecord[] = [];
    for (const [index, input] of valid.entries()) {
      records.push((await this.sealEntry(key, crypto.randomUUID(), input, now, now)).record);
      if ((index + 1) % 500 === 0) onProgress?.(index + 1, valid.length);
    }
    const tx = this.db.transaction('entries', 'readwrite');
    await Promise.all([...records.map((record) => tx.store.add(record)), tx.done]);
    onProgress?.(valid.length, valid.length);
    this.touch();
    return { added: records.length };
  }

  async update(id: string, patch: EntryPatch): Promise<EntrySummary> {
    const key = this.requireKey();
    const current = await this.openEntry(key, await this.getRecord(id), true);
    const merged = validateInput({
      title: patch.title ?? current.profile.title,
      origins: patch.origins ?? current.record.origins,
      matchMode: patch.matchMode ?? current.record.matchMode,
      username: patch.username ?? current.profile.username,
      password: patch.password ?? current.secret.password,
      totp: patch.totp === null ? undefined : (patch.totp ?? current.secret.totp),
      notes: patch.notes === null ? undefined : (patch.notes ?? current.secret.notes),
    });
    const opened = await this.sealEntry(key, id, merged, current.record.createdAt, this.now());
    await this.db.put('entries', opened.record);
    return summarize(opened);
  }

  /** Deletes an entry, corrupt or not. */
  async delete(id: string): Promise<void> {
    this.requireKey();
    const tx = this.db.transaction('entries', 'readwrite');
    if ((await tx.store.getKey(id)) === undefined) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new AirlockError('VAULT_ENTRY_NOT_FOUND', 'No such entry');
    }
    await tx.store.delete(id);
    await tx.done;
  }

  async list(): Promise<EntryListing> {
    const key = this.requireKey();
    return this.summarizeAll(key, await this.db.getAll('entries'));
  }

  async get(id: string): Promise<EntrySummary> {
    const key = this.requireKey();
    return summarize(await this.openEntry(key, await this.getRecord(id), false));
  }

  /**
   * Entries whose origins let them be released to a frame of `frameOrigin`: an index lookup on the
   * exact origin and on its site, then `matchOrigin` decides for each candidate. Insecure or invalid
   * origins find nothing.
   */
  async findByOrigin(frameOrigin: string): Promise<EntryListing> {
    const key = this.requireKey();
    const candidates = new Map<string, EntryRecord>();
    const tx = this.db.transaction('entries', 'readonly');
    const index = tx.store.index('by-origin');
    for (const lookup of frameLookupKeys(frameOrigin)) {
      for (const record of await index.getAll(lookup)) candidates.set(record.id, record);
    }
    await tx.done;
    const matching = [...candidates.values()].filter((record) => allowsFrame(record, frameOrigin).ok);
    return this.summarizeAll(key, matching);
  }

  /**
   * One secret, for a fill into a frame of `purpose.frameOrigin`: ORIGIN_INSECURE unless the frame is
   * HTTPS or loopback, ORIGIN_MISMATCH unless it matches one of the entry's origins, then
   * VAULT_RECORD_CORRUPT if the record does not authenticate. A one-time code is computed here;
   * its secret never leaves.
   */
  async reveal(id: string, purpose: RevealPurpose): Promise<RevealedSecret> {
    const key = this.requireKey();
    if (typeof purpose !== 'object' || purpose === null || (purpose.kind !== 'fill' && purpose.kind !== 'otp') || typeof purpose.frameOrigin !== 'string') {
      throw new AirlockError('VAULT_ENTRY_INVALID', 'A secret is only released for a fill');
    }
    const record = await this.getRecord(id);
    const verdict = allowsFrame(record, purpose.frameOrigin);
    if (!verdict.ok) {
      throw verdict.reason === 'mismatch'
        ? new AirlockError('ORIGIN_MISMATCH', 'The frame origin does not match this entry')
        : new AirlockError('ORIGIN_INSECURE', 'Credentials are only released to HTTPS or loopback origins');
    }
    const opened = await this.openEntry(key, record, true);
    if (purpose.kind === 'fill') return { kind: 'password', username: opened.profile.username, password: opened.secret.password };
    if (!opened.secret.totp) throw new AirlockError('VAULT_TOTP_MISSING', 'No one-time code is stored for this entry');
    return { kind: 'otp', ...totpCode(opened.secret.totp, this.now()) };
  }

  /** An entry's notes, for the human's own view in the options page. */
  async readNotes(id: string): Promise<string | null> {
    const key = this.requireKey();
    return (await this.openEntry(key, await this.getRecord(id), true)).secret.notes ?? null;
  }

  // ---- export -------------------------------------------------------------------------------

  /** Every readable entry sealed under `exportPassword`; corrupt records are listed and left out. */
  async exportEncrypted(exportPassword: string): Promise<{ text: string; exported: number; corrupt: CorruptRecord[] }> {
    const key = this.requireKey();
    const entries: ExportedEntry[] = [];
    const corrupt: CorruptRecord[] = [];
    for (const record of await this.db.getAll('entries')) {
      try {
        const { profile, secret } = await this.openEntry(key, record, true);
        entries.push({
          title: profile.title,
          origins: record.origins,
          matchMode: record.matchMode,
          username: profile.username,
          password: secret.password,
          totp: secret.totp,
          notes: secret.notes,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
        });
      } catch {
        corrupt.push({ id: typeof record.id === 'string' ? record.id : '', code: 'VAULT_RECORD_CORRUPT' });
      }
    }
    return { text: await sealExport(entries, exportPassword, this.iterations, this.now()), exported: entries.length, corrupt };
  }

  /** Adds the entries of an export; those already present (same origins and username) are skipped. */
  async importEncrypted(text: string, exportPassword: string): Promise<ImportOutcome> {
    const key = this.requireKey();
    const exported = await openExport(text, exportPassword);
    const existing = await this.summarizeAll(key, await this.db.getAll('entries'));
    const identities = new Set(existing.entries.map((entry) => identity(entry.origins, entry.username)));
    const fresh: ExportedEntry[] = [];
    for (const entry of exported) {
      const id = identity(entry.origins.map((origin) => normalizeOrigin(origin) ?? origin), entry.username);
      if (identities.has(id)) continue;
      identities.add(id);
      fresh.push(entry);
    }
    const valid = fresh.map((entry) => ({ ...validateInput(entry), createdAt: entry.createdAt, updatedAt: entry.updatedAt }));
    const records: EntryRecord[] = [];
    for (const entry of valid) records.push((await this.sealEntry(key, crypto.randomUUID(), entry, entry.createdAt, entry.updatedAt)).record);
    const tx = this.db.transaction('entries', 'readwrite');
    await Promise.all([...records.map((record) => tx.store.add(record)), tx.done]);
    return { added: records.length, duplicates: exported.length - records.length };
  }

  // ---- grant secrets (the token broker's refresh tokens) ------------------------------------

  /** Seals a grant's refresh token under the vault key, replacing the one stored for that grant. */
  async storeGrantSecret(binding: GrantSecretBinding, secret: string): Promise<void> {
    const key = this.requireKey();
    await this.db.put('grantSecrets', await sealGrantSecret(key, binding, secret, this.now()));
  }

  /**
   * A grant's refresh token, or null when none is stored. VAULT_LOCKED while locked; VAULT_RECORD_CORRUPT
   * when the record does not open for this binding (it is kept: a failed read loses nothing).
   */
  async grantSecret(binding: GrantSecretBinding): Promise<string | null> {
    const key = this.requireKey();
    const record = await this.db.get('grantSecrets', binding.grantId);
    return record === undefined ? null : openGrantSecret(key, record, binding);
  }

  /** Deletes a grant's refresh token; needs no key, so revocation works while the vault is locked. */
  async deleteGrantSecret(grantId: string): Promise<void> {
    await this.db.delete('grantSecrets', grantId);
  }

  /** Ids of the grants with a stored refresh token (to drop those whose grant is gone). */
  async grantSecretIds(): Promise<string[]> {
    return this.db.getAllKeys('grantSecrets');
  }

  // ---- internals ----------------------------------------------------------------------------

  private idleExpired(): boolean {
    return this.idleLockMs > 0 && this.now() - this.lastActivity >= this.idleLockMs;
  }

  private requireKey(): CryptoKey {
    this.checkIdle();
    if (this.key === null) throw new AirlockError('VAULT_LOCKED', 'The vault is locked');
    const key = this.key;
    this.touch();
    return key;
  }

  private async setKey(raw: Bytes): Promise<void> {
    // Without a session area the key never needs to leave WebCrypto again: keep it non-extractable.
    const session = this.options.session;
    this.key = await importRawVaultKey(raw, session !== undefined);
    await this.takeIntegrityKey(raw);
    this.lastActivity = this.now();
    this.lastSessionWrite = this.lastActivity;
    if (session) await session.set({ key: toBase64(raw), lastActivity: this.lastActivity });
    raw.fill(0);
    this.touch();
    for (const listener of this.unlockListeners) listener();
  }

  private async takeIntegrityKey(raw: Bytes): Promise<void> {
    const fingerprint = toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', raw)));
    if (this.integrityOf === fingerprint) return;
    this.integrity = await deriveIntegrityKey(raw);
    this.integrityOf = fingerprint;
  }

  private async keyring(): Promise<KeyringRecord> {
    const keyring = await readMeta(this.db, 'keyring');
    if (keyring === undefined) throw new AirlockError('VAULT_NOT_CREATED', 'No vault has been created');
    if (!isKeyring(keyring)) throw new AirlockError('VAULT_KEYRING_CORRUPT', 'The vault keyring is damaged');
    return keyring;
  }

  private async unwrapWithPassword(password: string): Promise<Bytes> {
    const keyring = await this.keyring();
    let vaultKey: CryptoKey;
    try {
      vaultKey = await unwrapVaultKey(keyring.password, await deriveKeyFromPassword(password, keyring.kdf), { via: 'password', kdf: keyring.kdf }, true);
    } catch {
      throw new AirlockError('VAULT_WRONG_PASSWORD', 'Wrong master password');
    }
    return exportRawVaultKey(vaultKey);
  }

  /** Read-modify-write of the keyring in one transaction. */
  private async updateKeyring(change: (keyring: KeyringRecord) => KeyringRecord): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite');
    const keyring = await tx.store.get('keyring');
    if (keyring === undefined || !isKeyring(keyring)) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new AirlockError(keyring === undefined ? 'VAULT_NOT_CREATED' : 'VAULT_KEYRING_CORRUPT', 'The vault keyring is missing or damaged');
    }
    await tx.store.put(change(keyring), 'keyring');
    await tx.done;
  }

  private async getRecord(id: string): Promise<EntryRecord> {
    const record = typeof id === 'string' ? await this.db.get('entries', id) : undefined;
    if (record === undefined) throw new AirlockError('VAULT_ENTRY_NOT_FOUND', 'No such entry');
    return record;
  }

  private async sealEntry(key: CryptoKey, id: string, input: ValidInput, createdAt: number, updatedAt: number): Promise<OpenedEntry> {
    const profile: EntryProfileV = { title: input.title, username: input.username, hasTotp: input.totp !== undefined, hasNotes: input.notes !== undefined };
    const secret: EntrySecretFields = { password: input.password };
    if (input.totp !== undefined) secret.totp = input.totp;
    if (input.notes !== undefined) secret.notes = input.notes;
    const binding = { id, origins: input.origins, matchMode: input.matchMode };
    const record: EntryRecord = {
      id,
      origins: input.origins,
      matchMode: input.matchMode,
      originKeys: entryIndexKeys(input.origins, input.matchMode),
      createdAt,
      updatedAt,
      profile: await sealJson(key, recordAad({ ...binding, field: 'profile' }), profile),
      secret: await sealJson(key, recordAad({ ...binding, field: 'secret' }), secret),
    };
    return { record, profile, secret };
  }

  /** Opens a record; VAULT_RECORD_CORRUPT when its shape is wrong or a ciphertext fails to authenticate. */
  private async openEntry(key: CryptoKey, record: EntryRecord, withSecret: boolean): Promise<OpenedEntry> {
    const corrupt = () => new AirlockError('VAULT_RECORD_CORRUPT', 'This entry is damaged and cannot be read');
    if (!isEntryRecord(record)) throw corrupt();
    const binding = { id: record.id, origins: record.origins, matchMode: record.matchMode };
    try {
      const profile = await openJson(key, recordAad({ ...binding, field: 'profile' }), record.profile);
      if (!isProfile(profile)) throw corrupt();
      let secret: EntrySecretFields = { password: '' };
      if (withSecret) {
        const opened = await openJson(key, recordAad({ ...binding, field: 'secret' }), record.secret);
        if (!isSecret(opened)) throw corrupt();
        secret = opened;
      }
      return { record, profile, secret };
    } catch {
      throw corrupt();
    }
  }

  private async summarizeAll(key: CryptoKey, records: readonly EntryRecord[]): Promise<EntryListing> {
    const entries: EntrySummary[] = [];
    const corrupt: CorruptRecord[] = [];
    for (const record of records) {
      try {
        entries.push(summarize(await this.openEntry(key, record, false)));
      } catch {
        corrupt.push({ id: typeof record?.id === 'string' ? record.id : '', code: 'VAULT_RECORD_CORRUPT' });
      }
    }
    return { entries, corrupt };
  }
}

interface ValidInput {
  title: string;
  origins: string[];
  matchMode: MatchMode;
  username: string;
  password: string;
  totp?: string;
  notes?: string;
}

function invalid(message: string): never {
  throw new AirlockError('VAULT_ENTRY_INVALID', message);
}

function requirePassword(password: string): void {
  if (typeof password !== 'string' || password === '') throw new AirlockError('VAULT_PASSWORD_REJECTED', 'The master password must not be empty');
}

/** Checks and normalises an entry; messages name the field, never its value. */
function validateInput(input: EntryInput): ValidInput {
  if (typeof input !== 'object' || input === null) invalid('An entry is required');
  if (!Array.isArray(input.origins) || input.origins.length === 0) invalid('An entry needs at least one origin');
  if (input.origins.length > LIMITS.origins) invalid('Too many origins');
  const origins: string[] = [];
  for (const origin of input.origins) {
    const normalized = typeof origin === 'string' ? normalizeOrigin(origin) : null;
    if (!normalized) invalid('Origins must be https, or http on a loopback address');
    if (!origins.includes(normalized)) origins.push(normalized);
  }
  const matchMode = input.matchMode ?? 'exact';
  if (matchMode !== 'exact' && matchMode !== 'site') invalid('Unknown match mode');
  const title = input.title ?? '';
  if (typeof title !== 'string' || title.length > LIMITS.text) invalid('Invalid title');
  if (typeof input.username !== 'string' || input.username.length > LIMITS.text) invalid('Invalid username');
  if (typeof input.password !== 'string' || input.password === '' || input.password.length > LIMITS.password) invalid('A password is required');
  const valid: ValidInput = { title, origins, matchMode, username: input.username, password: input.password };
  if (input.totp !== undefined && input.totp !== '') {
    if (typeof input.totp !== 'string') invalid('Invalid one-time code secret');
    parseTotp(input.totp);
    valid.totp = input.totp.trim();
  }
  if (input.notes !== undefined && input.notes !== '') {
    if (typeof input.notes !== 'string' || input.notes.length > LIMITS.notes) invalid('Invalid notes');
    valid.notes = input.notes;
  }
  return valid;
}

function allowsFrame(record: EntryRecord, frameOrigin: string): { ok: true } | { ok: false; reason: 'invalid' | 'insecure' | 'mismatch' } {
  let refusal: 'invalid' | 'insecure' | 'mismatch' = 'mismatch';
  for (const origin of Array.isArray(record.origins) ? record.origins : []) {
    const verdict = matchOrigin(origin, frameOrigin, record.matchMode === 'site' ? 'site' : 'exact');
    if (verdict.ok) return verdict;
    if (verdict.reason !== 'mismatch') refusal = verdict.reason;
  }
  return { ok: false, reason: refusal };
}

function summarize({ record, profile }: OpenedEntry): EntrySummary {
  return {
    id: record.id,
    title: profile.title,
    origins: [...record.origins],
    matchMode: record.matchMode,
    username: profile.username,
    hasTotp: profile.hasTotp,
    hasNotes: profile.hasNotes,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function identity(origins: readonly string[], username: string): string {
  return JSON.stringify([[...origins].sort(), username]);
}

function isKeyring(value: unknown): value is KeyringRecord {
  const keyring = value as KeyringRecord;
  return typeof keyring === 'object' && keyring !== null && typeof keyring.kdf === 'object' && keyring.kdf !== null && isSealedBox(keyring.password) && Array.isArray(keyring.passkeys);
}

function isEntryRecord(value: unknown): value is EntryRecord {
  const record = value as EntryRecord;
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.id === 'string' &&
    Array.isArray(record.origins) &&
    record.origins.every((origin) => typeof origin === 'string') &&
    (record.matchMode === 'exact' || record.matchMode === 'site') &&
    isSealedBox(record.profile) &&
    isSealedBox(record.secret as SealedBox)
  );
}

function isProfile(value: unknown): value is EntryProfileV {
  const profile = value as EntryProfileV;
  return typeof profile === 'object' && profile !== null && typeof profile.title === 'string' && typeof profile.username === 'string' && typeof profile.hasTotp === 'boolean' && typeof profile.hasNotes === 'boolean';
}

function isSecret(value: unknown): value is EntrySecretFields {
  const secret = value as EntrySecretFields;
  return (
    typeof secret === 'object' &&
    secret !== null &&
    typeof secret.password === 'string' &&
    (secret.totp === undefined || typeof secret.totp === 'string') &&
    (secret.notes === undefined || typeof secret.notes === 'string')
  );
}
