import type { Handler } from '../../messaging/router';
import type { VaultServices } from '../../takeover/vault-service';
import type { VaultListing } from '../../takeover/views';

/** Entries without secrets, and the ids of damaged records (the rest keep working). */
export async function listing(services: VaultServices): Promise<VaultListing> {
  const { entries, corrupt } = await (await services.vault()).list();
  return { entries, corrupt: corrupt.map((c) => c.id) };
}

export function vaultList(services: VaultServices): Handler<'vault.list'> {
  return { parse: () => ({}), handle: () => listing(services) };
}
