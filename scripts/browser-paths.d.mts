/** A Chromium-family browser (`AIRLOCK_CHROMIUM` overrides), or null. */
export declare function findChromium(): string | null;

/** A Firefox (ESR preferred; `AIRLOCK_FIREFOX` overrides), or null. */
export declare function findFirefox(): string | null;
