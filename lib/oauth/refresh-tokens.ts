import type { Vault } from '../vault/vault';
import type { GrantSecretBinding } from '../vault/grant-secrets';

/**
 * Where the token broker keeps refresh tokens: the vault, sealed under the vault key and bound to the
 * grant, issuer and client (lib/vault/grant-secrets.ts). They survive a service-worker stop and a
 * browser restart, and are readable only while the vault is unlocked (VAULT_LOCKED otherwise).
 */
export interface RefreshTokenStore {
  /** Whether a refresh token could be kept now (the vault exists and is unlocked). */
  writable(): Promise<boolean>;
  put(binding: GrantSecretBinding, token: string): Promise<void>;
  /** Null when none is stored; rejects with VAULT_LOCKED or VAULT_RECORD_CORRUPT. */
  get(binding: GrantSecretBinding): Promise<string | null>;
  delete(grantId: string): Promise<void>;
  grantIds(): Promise<string[]>;
}

export function vaultRefreshTokens(vault: () => Promise<Vault>): RefreshTokenStore {
  return {
    async writable() {
      const opened = await vault();
      return opened.isUnlocked && (await opened.isCreated());
    },
    put: async (binding, token) => (await vault()).storeGrantSecret(binding, token),
    get: async (binding) => (await vault()).grantSecret(binding),
    delete: async (grantId) => (await vault()).deleteGrantSecret(grantId),
    grantIds: async () => (await vault()).grantSecretIds(),
  };
}
