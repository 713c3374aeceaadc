import type { KeyValueArea } from '../agent/registry';
import { canonicalJson } from '../vault/canonical-json';
import { fromBase64, toBase64, utf8 } from '../vault/encoding';
import { PROTECTIONS } from './protections';

/** How a sealed record rests in storage: the value, and an HMAC over its key and value (null: unsealed). */
interface SealedRecord {
  sealed: 1;
  v: unknown;
  mac: string | null;
}

export interface SealedAreaDeps {
  /** The integrity key (lib/vault/vault-crypto.ts deriveIntegrityKey), or null before this worker saw the vault open. */
  integrityKey(): Promise<CryptoKey | null>;
  /** A stored record failed its seal: a page wrote it. Told once per key and worker. */
  onForged(key: string): void;
}

function isSealedRecord(value: unknown): value is SealedRecord {
  const record = value as SealedRecord;
  return typeof record === 'object' && record !== null && record.sealed === 1 && 'v' in record && (record.mac === null || typeof record.mac === 'string');
}

const macInput = (key: string, value: unknown) => utf8(canonicalJson({ airlock: 'sealed-record', v: 1, key, value }));

/**
 * Storage for records that grant something (enrolled passkeys, site policies, remembered decisions,
 * grants, the idle time): every Airlock page can write `storage.local` and `storage.session`, and an
 * agent can open one (docs/threat-model.md). Each record is sealed with an HMAC under a key derived
 * from the vault key, which only the worker holds, and only once the human has opened the vault.
 *
 * - A record whose seal fails is a page's forgery: it counts as absent (the most protective reading
 *   for every record kept here) and is reported.
 * - Before the worker holds the integrity key (a fresh worker, the vault not yet opened), no stored
 *   record can be checked: all count as absent. Writes made meanwhile are kept in memory. Where
 *   nothing was stored they are stored unsealed too and sealed at the next unlock (`reseal`). Where a
 *   record was stored, it is left as it is: the write was worked out from an absent reading, and
 *   storing it would lose the human's records (grants swept at a tab's close before the unlock). At
 *   the unlock the stored record, if its seal holds, replaces the in-memory one.
 * - Within a worker's life the last value it wrote or verified is authoritative: a later write by a
 *   page is not read back.
 *
 * Not covered: a page can delete a record or put back an older sealed one while the worker is stopped
 * (the worker keeps no memory across a restart). Every record kept here lowers protection when present,
 * so a deletion only asks the human again.
 */
export class SealedArea implements KeyValueArea {
  private readonly memory = new Map<string, unknown>();
  /** Keys written before the integrity key existed over a stored record that could not be checked. */
  private readonly shadowed = new Set<string>();
  private readonly reported = new Set<string>();
  private readonly sealed: ReadonlySet<string>;

  /** `keys`: the keys sealed here (lib/storage/items.ts); every other key passes through untouched. */
  constructor(
    private readonly area: KeyValueArea & { remove(keys: string | string[]): Promise<void> },
    keys: readonly string[],
    private readonly deps: SealedAreaDeps,
  ) {
    this.sealed = new Set(keys);
  }

  async get(key: string): Promise<Record<string, unknown>> {
    if (!PROTECTIONS.sealedAuthority || !this.sealed.has(key)) return this.area.get(key);
    if (this.memory.has(key)) return this.present(key, this.memory.get(key));
    const stored = (await this.area.get(key))[key];
    if (stored === undefined) return {};
    const integrity = await this.deps.integrityKey();
    if (!integrity) return {};
    if (isSealedRecord(stored) && stored.mac !== null && (await this.verify(integrity, key, stored.v, stored.mac))) {
      this.memory.set(key, stored.v);
      return this.present(key, stored.v);
    }
    // Unsealed or badly sealed: written by a page, or by an unprotected earlier version.
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.deps.onForged(key);
    }
    return {};
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (!PROTECTIONS.sealedAuthority) return this.area.set(items);
    const integrity = await this.deps.integrityKey();
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(items)) {
      if (!this.sealed.has(key)) {
        out[key] = value;
        continue;
      }
      const unchecked = !integrity && (this.shadowed.has(key) || (!this.memory.has(key) && (await this.area.get(key))[key] !== undefined));
      this.memory.set(key, structuredClone(value));
      if (unchecked) {
        this.shadowed.add(key);
        continue;
      }
      out[key] = { sealed: 1, v: value, mac: integrity ? await this.mac(integrity, key, value) : null } satisfies SealedRecord;
    }
    if (Object.keys(out).length > 0) await this.area.set(out);
  }

  async remove(keys: string | string[]): Promise<void> {
    // Remembered as absent: a page writing the key again afterwards is not read back.
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      if (!this.sealed.has(key)) continue;
      this.memory.set(key, undefined);
      this.shadowed.delete(key);
    }
    await this.area.remove(keys);
  }

  /**
   * Whether `key` holds a stored record this worker cannot check yet (no integrity key): it may be the
   * human's (enrolled passkeys after a worker restart), so what it would decide must wait for an unlock.
   */
  async unverified(key: string): Promise<boolean> {
    if (!PROTECTIONS.sealedAuthority || !this.sealed.has(key) || (this.memory.has(key) && !this.shadowed.has(key))) return false;
    if (await this.deps.integrityKey()) return false;
    return (await this.area.get(key))[key] !== undefined;
  }

  /** Seals what was written before the integrity key existed (called when the vault opens). */
  async reseal(): Promise<void> {
    const integrity = await this.deps.integrityKey();
    if (!integrity) return;
    for (const key of this.shadowed) {
      const stored = (await this.area.get(key))[key];
      if (isSealedRecord(stored) && stored.mac !== null && (await this.verify(integrity, key, stored.v, stored.mac))) this.memory.set(key, stored.v);
    }
    this.shadowed.clear();
    const written = [...this.memory].filter(([, value]) => value !== undefined);
    if (written.length > 0) await this.set(Object.fromEntries(written));
  }

  private present(key: string, value: unknown): Record<string, unknown> {
    return value === undefined ? {} : { [key]: structuredClone(value) };
  }

  private async mac(integrity: CryptoKey, key: string, value: unknown): Promise<string> {
    return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', integrity, macInput(key, value))));
  }

  private async verify(integrity: CryptoKey, key: string, value: unknown, mac: string): Promise<boolean> {
    const bytes = fromBase64(mac);
    if (!bytes) return false;
    try {
      return await crypto.subtle.verify('HMAC', integrity, bytes, macInput(key, value));
    } catch {
      return false;
    }
  }
}
