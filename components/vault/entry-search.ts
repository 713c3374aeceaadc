import type { VaultListing } from '../../lib/takeover/views';

/** Rows the settings draw at once; a search finds the others. */
export const SHOWN_ENTRIES = 200;

type ListedEntry = VaultListing['entries'][number];

/**
 * Entries whose title, username or any address contains every word of the query, ignoring case (an
 * empty query matches all). Passwords and one-time-code secrets are not in the listing, so never searched.
 */
export function matchingEntries(entries: readonly ListedEntry[], query: string): ListedEntry[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const text = [entry.title, entry.username, ...entry.origins].join(' ').toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
}
