import { AirlockError } from '../errors/airlock-error';
import { call } from '../messaging/call';
import type { VaultPasskeyView } from '../takeover/views';
import type { PrfResult } from '../webauthn/ceremony';

/** The page-side WebAuthn PRF ceremonies (lib/webauthn/ceremony.ts), given to models so tests can stand in. */
export interface PrfCeremony {
  rpId: string;
  create(rpId: string, name: string): Promise<PrfResult>;
  evaluate(rpId: string, passkeys: readonly VaultPasskeyView[]): Promise<PrfResult>;
}

/** Unlocks the vault with one of its enrolled passkeys: the authenticator's PRF output unwraps the key. */
export async function unlockWithPasskey(ceremony: PrfCeremony): Promise<void> {
  const passkeys = await call('vault.passkeys', {});
  if (passkeys.length === 0) throw new AirlockError('VAULT_PASSKEY_UNKNOWN', 'No passkey unlocks this vault');
  const { credentialId, prfOutput } = await ceremony.evaluate(ceremony.rpId, passkeys);
  await call('vault.unlockWithPasskey', { credentialId, prfOutput });
}

/** Sets up a new passkey to unlock the vault; the background asks for the master password again. */
export async function addVaultPasskey(ceremony: PrfCeremony, masterPassword: string, name: string): Promise<VaultPasskeyView[]> {
  const { credentialId, prfInput, prfOutput } = await ceremony.create(ceremony.rpId, name);
  return call('vault.addPasskey', { masterPassword, credentialId, prfInput, prfOutput });
}
