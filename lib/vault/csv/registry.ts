import { bitwardenCsv } from './bitwarden';
import { chromeCsv } from './chrome';
import type { CsvFormat } from './csv-format';
import { firefoxCsv } from './firefox';
import { keePassXcCsv } from './keepassxc';
import { onePasswordCsv } from './onepassword';
import { safariCsv } from './safari';

export const CSV_FORMATS: readonly CsvFormat[] = [chromeCsv, firefoxCsv, bitwardenCsv, onePasswordCsv, keePassXcCsv, safariCsv];

/** Lower-cases and trims a header cell, as the formats list their columns. */
export function normalizeHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase();
}

/**
 * The format whose signature the header fits. When several fit, the one requiring the most columns
 * is the most specific; a tie would be a registry bug and is caught by a unit test.
 */
export function detectCsvFormat(headers: readonly string[]): CsvFormat | null {
  const present = new Set(headers.map(normalizeHeader).filter((name) => name !== ''));
  const fits = CSV_FORMATS.filter((format) => {
    const known = new Set([...format.required, ...format.optional]);
    return format.required.every((name) => present.has(name)) && [...present].every((name) => known.has(name));
  });
  fits.sort((a, b) => b.required.length - a.required.length);
  return fits[0] ?? null;
}
