/**
 * Every key Airlock keeps in `storage.local` and `storage.session`, declared once. A key's name ends in
 * its version (`.v1`); a new shape gets a new key and a migration, never a changed meaning.
 *
 * `sealed`: the record grants something (lowers protection when present), so it is sealed under the
 * integrity key and a page's forgery counts as absent (lib/security/sealed-area.ts). Every Airlock page
 * can read and write both areas, and an agent can open one: nothing here is secret.
 *
 * A unit test keeps this table honest: keys unique, versioned, and every key string in the code
 * declared here.
 */
export type StorageAreaName = 'local' | 'session';

export interface StorageItem {
  readonly key: string;
  readonly area: StorageAreaName;
  readonly sealed: boolean;
  /** What it holds, for whoever reads the table. */
  readonly holds: string;
}

export const STORAGE_ITEMS = {
  passkeys: { key: 'passkeys.v1', area: 'local', sealed: true, holds: 'Enrolled authenticators: public keys and counters' },
  approvalPolicies: { key: 'approvalPolicies.v1', area: 'local', sealed: true, holds: 'Step-up site policies (ask above an amount, allow after approval)' },
  approvalGrants: { key: 'approvalGrants.v1', area: 'session', sealed: true, holds: '"Allow for N minutes" grants per site' },
  approvals: { key: 'approvals.v1', area: 'session', sealed: false, holds: 'Held actions waiting for the human (their decision is verified in the worker)' },
  approvalAudit: { key: 'approvalAudit.v1', area: 'local', sealed: false, holds: 'Earlier step-up trail: its receipts move beside the audit chain at start-up, then it is removed' },
  assertionsSeen: { key: 'assertionsSeen.v1', area: 'local', sealed: false, holds: 'Hashes of assertions already used (replay defence)' },
  pageForgeryLimits: { key: 'pageForgeryLimits.v1', area: 'local', sealed: false, holds: 'Rate limit of forged-decision records per tab' },
  stepUpChallenges: { key: 'stepUpChallenges.v1', area: 'session', sealed: false, holds: 'One-time passkey challenges issued' },
  credentialRequests: { key: 'credentialRequests.v1', area: 'session', sealed: false, holds: "Agents' sign-ins waiting for the human" },
  credentialContinuations: { key: 'credentialContinuations.v1', area: 'session', sealed: true, holds: "The human's choice carried to the next step of one sign-in" },
  credentialPolicies: { key: 'credentialPolicies.v1', area: 'local', sealed: true, holds: '"Use without asking" decisions' },
  inPageFillSites: { key: 'inPageFillSites.v1', area: 'local', sealed: true, holds: 'Sites the human let Airlock fill in the page (the weaker fill, where the swap cannot work)' },
  vaultIdleLock: { key: 'vaultIdleLock.v1', area: 'local', sealed: true, holds: 'Minutes an open vault may sit unused' },
  vaultEditSessions: { key: 'vaultEditSessions.v1', area: 'session', sealed: true, holds: 'Confirmed vault-edit sessions per document' },
  vaultMarker: { key: 'vaultMarker.v1', area: 'local', sealed: false, holds: 'That a vault exists here (its creation time), to notice the vault database being deleted' },
  vaultLoss: { key: 'vaultLoss.v1', area: 'local', sealed: false, holds: 'When Airlock found the vault database gone, and when that vault was made' },
  vaultLastExport: { key: 'vaultLastExport.v1', area: 'local', sealed: false, holds: 'When the last encrypted export was made (the backup a lost vault is restored from)' },
  vaultImportProgress: { key: 'vaultImportProgress.v1', area: 'session', sealed: false, holds: 'Progress of a running import' },
  vaultSession: { key: 'vaultSession.v1', area: 'session', sealed: false, holds: 'Unprotected test build only: the open vault key' },
  agentRegistry: { key: 'agentRegistry.v1', area: 'session', sealed: false, holds: 'Agent signals and human toggles per tab and window' },
  agentProfile: { key: 'agentProfile.v1', area: 'local', sealed: false, holds: 'The "every tab" toggle and the debugger-signal setting' },
  managedPolicy: { key: 'managedPolicy.v1', area: 'session', sealed: false, holds: 'Cache of the enterprise policy (only what raises protection is taken from it)' },
  oauthFlows: { key: 'oauthFlows.v1', area: 'session', sealed: false, holds: 'Brokered sign-ins (Continue is verified in the worker)' },
  tokenProviders: { key: 'tokenProviders.v1', area: 'local', sealed: false, holds: 'OAuth providers the token broker may use' },
  tokenGrants: { key: 'tokenGrants.v2', area: 'local', sealed: true, holds: 'Access-token grants bound to tab, agent, origin and key' },
  tokenGrantsLegacy: { key: 'tokenGrants.v1', area: 'session', sealed: false, holds: 'Earlier grant format, removed at start-up' },
  tokenRequests: { key: 'tokenRequests.v1', area: 'session', sealed: false, holds: "Agents' token requests waiting for the human" },
  tokenTicketsAnswered: { key: 'tokenTicketsAnswered.v1', area: 'session', sealed: false, holds: 'Tickets already answered (no second token for one ticket)' },
} as const satisfies Record<string, StorageItem>;

export type StorageItemName = keyof typeof STORAGE_ITEMS;

/** The keys of `area` whose records are sealed. */
export function sealedKeys(area: StorageAreaName): string[] {
  return Object.values(STORAGE_ITEMS as Record<string, StorageItem>)
    .filter((item) => item.area === area && item.sealed)
    .map((item) => item.key);
}
