import { toBase64Url } from '../../encoding/base64url';
import type { Handler } from '../../messaging/router';
import type { VaultPasskeyView } from '../../takeover/views';
import type { VaultServices } from '../../takeover/vault-service';
import { fromBase64 } from '../../vault/encoding';
import type { PasskeyInfo } from '../../vault/vault';

/** The vault keeps the PRF input in base64; Airlock's pages speak base64url for every WebAuthn byte string. */
export function vaultPasskeyViews(passkeys: readonly PasskeyInfo[]): VaultPasskeyView[] {
  return passkeys.map((p) => ({ credentialId: p.credentialId, prfInput: toBase64Url(fromBase64(p.prfInput) ?? new Uint8Array()), addedAt: p.addedAt }));
}

/** Passkeys that unlock the vault; listed while it is locked too, since the unlock ceremony needs them. */
export function vaultPasskeys(services: VaultServices): Handler<'vault.passkeys'> {
  return {
    parse: () => ({}),
    handle: async () => vaultPasskeyViews(await (await services.vault()).passkeys()),
  };
}
