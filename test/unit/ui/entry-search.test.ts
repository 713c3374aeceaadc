import { describe, expect, it } from 'vitest';
import { matchingEntries } from '../../../components/vault/entry-search';

const entry = (id: string, title: string, username: string, origins: string[]) => ({ id, title, username, origins, matchMode: 'exact' as const, hasTotp: false, hasNotes: false, createdAt: 1, updatedAt: 1 });
const ENTRIES = [
  entry('a', 'Example Mail', 'ada@mail.test', ['https://mail.example']),
  entry('b', 'Bank', 'ada', ['https://bank.example', 'https://login.bank.example']),
  entry('c', '', 'grace', ['https://shop.example']),
];

describe('finding entries in the settings', () => {
  it('matches every word of the query in title, username or an address, ignoring case', () => {
    expect(matchingEntries(ENTRIES, 'ADA').map((e) => e.id)).toEqual(['a', 'b']);
    expect(matchingEntries(ENTRIES, 'ada login.bank').map((e) => e.id)).toEqual(['b']);
    expect(matchingEntries(ENTRIES, 'shop grace').map((e) => e.id)).toEqual(['c']);
    expect(matchingEntries(ENTRIES, 'ada shop')).toEqual([]);
  });

  it('an empty or blank query lists every entry, in order', () => {
    expect(matchingEntries(ENTRIES, '   ').map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });
});
