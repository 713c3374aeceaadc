export type CsvFormatId = 'chrome' | 'firefox' | 'bitwarden' | 'onepassword' | 'keepassxc' | 'safari';

/** One row of an export, already reduced to what a vault entry needs. */
export interface CsvCandidate {
  title: string;
  urls: string[];
  username: string;
  password: string;
  totp?: string;
  notes?: string;
}

/** Why a row is not imported; shown in the preview beside its line number. */
export type SkipReason =
  | 'not-a-login'
  | 'no-password'
  | 'no-url'
  | 'unsupported-url'
  | 'insecure-url'
  | 'duplicate';

/** Columns are lower-cased and trimmed before a format sees them. */
export type CsvRow = Readonly<Record<string, string | undefined>>;

/**
 * One password manager's CSV export. Its header signature: every `required` column present, and no
 * column outside `required` and `optional` (so Safari's header, a subset of 1Password's, stays apart).
 */
export interface CsvFormat {
  id: CsvFormatId;
  label: string;
  required: readonly string[];
  optional: readonly string[];
  toCandidate(row: CsvRow): CsvCandidate | SkipReason;
}

/** A column's value, trimmed; empty string when absent. */
export function column(row: CsvRow, name: string): string {
  return (row[name] ?? '').trim();
}

/** Optional text: undefined when empty. */
export function optionalColumn(row: CsvRow, name: string): string | undefined {
  const value = column(row, name);
  return value === '' ? undefined : value;
}

/** Passwords are taken as they are: leading or trailing spaces can be part of one. */
export function passwordColumn(row: CsvRow, name: string): string {
  return row[name] ?? '';
}
