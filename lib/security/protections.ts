/**
 * The protections that keep Airlock's secrets and decisions out of reach of anything an agent can
 * script (see docs/threat-model.md, "Airlock's own pages"). Every one is on in every build people
 * install. A test-only build (`AIRLOCK_UNPROTECTED=1`, written to `.output/unprotected`, named
 * "Airlock UNPROTECTED TEST BUILD") turns them off, so that the end-to-end attack suite can show each
 * of its checks catching the attack it guards against: a check that passes against that build too
 * would prove nothing.
 */
export interface Protections {
  /** An Airlock page in a tab is closed on sight, the vault locked, and living Airlock pages refused. */
  readonly ownPageWatch: boolean;
  /** The unwrapped vault key lives in the worker's memory only, never in `storage.session`. */
  readonly keyInMemoryOnly: boolean;
  /** Content scripts obey fill, replay and status messages only from Airlock's own worker. */
  readonly workerOnlyCommands: boolean;
  /** Every human decision needs a passkey assertion or the master password; a click proves nothing. */
  readonly provenDecisions: boolean;
  /** Records that grant something are sealed under a key derived from the vault key; a forged one is ignored. */
  readonly sealedAuthority: boolean;
}

const unprotected = import.meta.env?.WXT_AIRLOCK_UNPROTECTED === '1';

export const PROTECTIONS: Protections = Object.freeze({
  ownPageWatch: !unprotected,
  keyInMemoryOnly: !unprotected,
  workerOnlyCommands: !unprotected,
  provenDecisions: !unprotected,
  sealedAuthority: !unprotected,
});
