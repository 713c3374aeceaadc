import { AuditLog, type AuditEvent } from '../vault/audit-log';
import { Vault, type SessionKeyArea, type SessionKeyState } from '../vault/vault';
import { openVaultDb } from '../vault/vault-store';
import type { KeyValueArea } from '../agent/registry';
import { VAULT_SESSION_KEY } from './views';


/**
 * `storage.session` as the vault key's place across worker restarts: only the unprotected test build
 * uses it, since every Airlock page can read that area.
 */
export function sessionKeyArea(session: KeyValueArea & { remove(key: string): Promise<void> }): SessionKeyArea {
  return {
    async get() {
      const stored = (await session.get(VAULT_SESSION_KEY))[VAULT_SESSION_KEY] as SessionKeyState | undefined;
      return stored && typeof stored.key === 'string' && typeof stored.lastActivity === 'number' ? stored : null;
    },
    set: (state) => session.set({ [VAULT_SESSION_KEY]: state }),
    clear: () => session.remove(VAULT_SESSION_KEY),
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
}

export interface VaultServiceOptions {
  /** Only in the unprotected test build (lib/security/protections.ts): the key kept where pages read it. */
  session?: SessionKeyArea;
  /** Told when the vault unlocks (true) and locks (false), e.g. to keep the worker alive meanwhile. */
  onUnlockChange?: (unlocked: boolean) => void;
  iterations?: number;
  /** The idle time, read when the vault opens (the human's setting); later changes go through `setIdleLockMs`. */
  idleLockMs?: () => Promise<number>;
  onIdleDeadline?: (at: number | null) => void;
}

export function createVaultServices(options: VaultServiceOptions): VaultServices {
  let opened: Promise<Vault> | null = null;
  let current: Vault | null = null;
  let log: Promise<AuditLog> | null = null;
  const audit = () => (log ??= openVaultDb().then((db) => new AuditLog(db)));
  const vault = () =>
    (opened ??= (async () => {
      const idleLockMs = options.idleLockMs ? await options.idleLockMs().catch(() => undefined) : undefined;
      const instance = await Vault.open({
        ...(options.session ? { session: options.session } : {}),
        iterations: options.iterations,
        idleLockMs,
        onIdleDeadline: options.onIdleDeadline,
      });
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
  return { vault, record, audit, integrityKey: () => current?.integrityKey() ?? null };
}
