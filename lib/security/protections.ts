/**
 * The protections that keep Airlock's secrets and decisions out of reach of anything an agent can
 * script (see docs/threat-model.md, "Airlock's own pages"). Every one is on in every build people
 * install. Test-only builds turn some off, so that the end-to-end attack suite can show each of its
 * checks catching the attack it guards against (a check that passes against that build too would
 * prove nothing): `AIRLOCK_UNPROTECTED=1` turns all off (`.output/unprotected`), a list of names
 * (`AIRLOCK_UNPROTECTED=ownPageWatch`) only those, to show the others hold on their own. Such builds
 * are named "Airlock UNPROTECTED TEST BUILD"; store builds refuse the variable.
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

const off = (import.meta.env?.WXT_AIRLOCK_UNPROTECTED ?? '').split(',').map((name) => name.trim());
const on = (name: keyof Protections) => !off.includes('1') && !off.includes(name);

export const PROTECTIONS: Protections = Object.freeze({
  ownPageWatch: on('ownPageWatch'),
  keyInMemoryOnly: on('keyInMemoryOnly'),
  workerOnlyCommands: on('workerOnlyCommands'),
  provenDecisions: on('provenDecisions'),
  sealedAuthority: on('sealedAuthority'),
});
