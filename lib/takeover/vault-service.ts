import { AuditLog, type AuditEvent } from '../vault/audit-log';
import { Vault, type SessionKeyArea, type SessionKeyState } from '../vault/vault';
import { openVaultDb } from '../vault/vault-store';
import type { KeyValueArea } from '../agent/registry';
import { STORAGE_ITEMS } from '../storage/items';


/**
 * `storage.session` as the vault key's place across worker restarts: only the unprotected test build
 * uses it, since every Airlock page can read that area.
 */
export function sessionKeyArea(session: KeyValueArea & { remove(key: string): Promise<void> }): SessionKeyArea {
  return {
    async get() {
      const stored = (await session.get(STORAGE_ITEMS.vaultSession.key))[STORAGE_ITEMS.vaultSession.key] as SessionKeyState | undefined;
      return stored && typeof stored.key === 'string' && typeof stored.lastActivity === 'number' ? stored : null;
    },
    set: (state) => session.set({ [STORAGE_ITEMS.vaultSession.key]: state }),
    clear: () => session.remove(STORAGE_ITEMS.vaultSession.key),
  };
}

export interface VaultServices {
  /** The vault, opened once per worker and resumed from the session area after a restart. */
  vault(): Promise<Vault>;
  /**
   * Appends to the hash-chained audit log. Resolves false when the entry could not be written, so
   * that a release can fail closed: no secret leaves without its record.
   */
  record(event: AuditEvent): Promise<boolean>;
  audit(): Promise<AuditLog>;
  /** The vault's integrity key if it is open in this worker and was unlocked once (lib/security/sealed-area.ts). */
  integrityKey(): CryptoKey | null;
  /** A vault this profile had whose database is gone (deleted by a page, say), or null. */
  loss(): Promise<VaultLoss | null>;
  /** Notes that a vault exists now (after it was created), so that its deletion is noticed. */
  noteExisting(): Promise<void>;
  /** The last encrypted export (the backup a lost vault is restored from): note one, and read when. */
  noteExport(): Promise<void>;
  lastExportAt(): Promise<number | null>;
}

/** What Airlock knows of a vault that disappeared: when it was made, when its absence was found. */
export interface VaultLoss {
  createdAt: number;
  detectedAt: number;
}

const MARKER = STORAGE_ITEMS.vaultMarker.key;
const LOSS = STORAGE_ITEMS.vaultLoss.key;

export interface VaultServiceOptions {
  /** Only in the unprotected test build (lib/security/protections.ts): the key kept where pages read it. */
  session?: SessionKeyArea;
  /** Told when the vault unlocks (true) and locks (false), e.g. to keep the worker alive meanwhile. */
  onUnlockChange?: (unlocked: boolean) => void;
  iterations?: number;
  /** The idle time, read when the vault opens (the human's setting); later changes go through `setIdleLockMs`. */
  idleLockMs?: () => Promise<number>;
  onIdleDeadline?: (at: number | null) => void;
  /** Where the "a vault exists" marker and a loss found are kept (`storage.local`); without it, no loss is noticed. */
  markers?: KeyValueArea & { remove(key: string): Promise<void> };
  now?: () => number;
  /** Tests open a database of their own; Airlock uses the default. */
  dbName?: string;
}

export function createVaultServices(options: VaultServiceOptions): VaultServices {
  let opened: Promise<Vault> | null = null;
  let current: Vault | null = null;
  /** The integrity key survives the database being taken away: records sealed under it still check. */
  let keptIntegrity: CryptoKey | null = null;
  const now = options.now ?? Date.now;
  let log: Promise<AuditLog> | null = null;
  // Reopened after another context took the database away (deleted or upgraded it).
  const audit = () => (log ??= openVaultDb(options.dbName, undefined, () => (log = null)).then((db) => new AuditLog(db)));
  const vault = () =>
    (opened ??= (async () => {
      const idleLockMs = options.idleLockMs ? await options.idleLockMs().catch(() => undefined) : undefined;
      const instance: Vault = await Vault.open({
        ...(options.session ? { session: options.session } : {}),
        iterations: options.iterations,
        ...(options.dbName ? { dbName: options.dbName } : {}),
        idleLockMs,
        onIdleDeadline: options.onIdleDeadline,
        // Another context deleted or upgraded the database: this connection is closed, so the vault
        // locks and the next use opens it again (and finds out whether it is still there).
        onTakenAway() {
          keptIntegrity = instance.integrityKey() ?? keptIntegrity;
          opened = null;
          current = null;
          void instance.lock('own-page');
        },
      });
      await checkMarker(instance).catch(() => undefined);
      await instance.resume();
      instance.onLock((reason) => {
        options.onUnlockChange?.(false);
        void record({ kind: 'vault-locked', reason });
      });
      instance.onUnlock(() => options.onUnlockChange?.(true));
      if (instance.isUnlocked) options.onUnlockChange?.(true);
      current = instance;
      return instance;
    })());
  async function record(event: AuditEvent): Promise<boolean> {
    try {
      await (await audit()).append(event);
      return true;
    } catch (error) {
      console.error('Airlock audit append failed:', (error as Error | null)?.name ?? 'unknown');
      return false;
    }
  }
  /** The marker says a vault existed and the database has none: it was deleted. Recorded once. */
  async function checkMarker(instance: Vault): Promise<void> {
    const markers = options.markers;
    if (!markers) return;
    const createdAt = await instance.createdAt();
    const marker = (await markers.get(MARKER))[MARKER] as { createdAt?: unknown } | undefined;
    if (createdAt !== null) {
      if (marker?.createdAt !== createdAt) await markers.set({ [MARKER]: { createdAt } });
      return;
    }
    if (typeof marker?.createdAt !== 'number') return;
    const loss: VaultLoss = { createdAt: marker.createdAt, detectedAt: now() };
    await markers.set({ [LOSS]: loss });
    await markers.remove(MARKER);
    await record({ kind: 'vault-lost', reason: 'VAULT_DATABASE_GONE', details: { createdAt: loss.createdAt } });
  }

  return {
    vault,
    record,
    audit,
    integrityKey: () => current?.integrityKey() ?? keptIntegrity,
    async loss() {
      const stored = options.markers ? ((await options.markers.get(LOSS))[LOSS] as VaultLoss | undefined) : undefined;
      return stored && typeof stored.createdAt === 'number' && typeof stored.detectedAt === 'number' ? stored : null;
    },
    async noteExisting() {
      await checkMarker(await vault());
    },
    async noteExport() {
      await options.markers?.set({ [STORAGE_ITEMS.vaultLastExport.key]: now() });
    },
    async lastExportAt() {
      const at = options.markers ? (await options.markers.get(STORAGE_ITEMS.vaultLastExport.key))[STORAGE_ITEMS.vaultLastExport.key] : undefined;
      return typeof at === 'number' ? at : null;
    },
  };
}
