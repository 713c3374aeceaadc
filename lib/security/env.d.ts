// Build-time switch of the test-only unprotected build (see protections.ts); unset in every other build.
interface ImportMetaEnv {
  readonly WXT_AIRLOCK_UNPROTECTED?: string;
}
