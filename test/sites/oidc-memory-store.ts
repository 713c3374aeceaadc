type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

interface Stored {
  model: string;
  payload: Payload;
  expiresAt: number;
}

export interface ProviderAdapter {
  upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Payload | undefined>;
  findByUid(uid: string): Promise<Payload | undefined>;
  findByUserCode(userCode: string): Promise<Payload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/**
 * oidc-provider storage for one provider instance, kept in memory: the built-in quick-start adapter
 * shares one module-wide store between every provider in the process, while each `startSites()` call
 * should start from nothing and forget everything on close. `onStored` tells a test every record's
 * id (an opaque token's value is its id), so it can look for issued tokens where they must not be.
 */
export function createMemoryAdapterFactory(onStored?: (model: string, id: string) => void): (model: string) => ProviderAdapter {
  const records = new Map<string, Stored>();
  const key = (model: string, id: string) => `${model}:${id}`;

  function live(storeKey: string): Stored | undefined {
    const stored = records.get(storeKey);
    if (stored && stored.expiresAt <= Date.now()) {
      records.delete(storeKey);
      return undefined;
    }
    return stored;
  }

  function findWhere(model: string, matches: (payload: Payload) => boolean): Payload | undefined {
    for (const [storeKey, stored] of records) {
      if (stored.model === model && matches(stored.payload)) return live(storeKey)?.payload;
    }
    return undefined;
  }

  return (model) => ({
    async upsert(id, payload, expiresIn) {
      const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
      records.set(key(model, id), { model, payload, expiresAt });
      onStored?.(model, id);
    },
    async find(id) {
      return live(key(model, id))?.payload;
    },
    async findByUid(uid) {
      return findWhere(model, (payload) => payload.uid === uid);
    },
    async findByUserCode(userCode) {
      return findWhere(model, (payload) => payload.userCode === userCode);
    },
    async consume(id) {
      const stored = live(key(model, id));
      if (stored) stored.payload.consumed = Math.floor(Date.now() / 1000);
    },
    async destroy(id) {
      records.delete(key(model, id));
    },
    // Revoking a grant removes every token issued under it (RFC 7009 §2.1, RFC 6749 §10.4).
    async revokeByGrantId(grantId) {
      for (const [storeKey, stored] of records) {
        if (stored.payload.grantId === grantId) records.delete(storeKey);
      }
    },
  });
}
