import Papa from 'papaparse';
import { AirlockError } from '../../errors/airlock-error';
import { isTrustworthyOrigin, parseOrigin } from '../origin-match';
import { isValidTotp } from '../totp';
import type { CsvCandidate, CsvFormatId, CsvRow, SkipReason } from './csv-format';
import { detectCsvFormat, normalizeHeader } from './registry';

/** A row ready to become an entry once the human confirms. */
export interface ImportRow {
  /** 1-based line of the file on which the row starts. */
  line: number;
  title: string;
  origins: string[];
  username: string;
  password: string;
  totp?: string;
  notes?: string;
  /** Set when the row's one-time-code secret was unreadable and is left out. */
  totpDropped?: true;
}

export interface SkippedRow {
  line: number;
  reason: SkipReason;
}

export interface CsvImportPreview {
  format: CsvFormatId;
  rows: ImportRow[];
  skipped: SkippedRow[];
}

export interface CsvProgress {
  /** `reading`: `done`/`total` in characters; `checking`: in rows. */
  phase: 'reading' | 'checking';
  done: number;
  total: number;
}

export const MAX_IMPORT_ROWS = 100_000;
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
const PROGRESS_EVERY = 500;

/**
 * Reads a password-manager CSV export into a preview; writes nothing. The format is recognised by its
 * header. A file that is cut off (an unterminated quote, a short last row) throws
 * VAULT_IMPORT_TRUNCATED, one whose rows do not line up with its header VAULT_IMPORT_MALFORMED, an
 * unknown header VAULT_IMPORT_UNKNOWN_FORMAT: a partial preview of a damaged file could put a
 * password in the username column, so none is given. Messages cite line numbers, never cell values.
 */
export async function parseCsvImport(text: string, onProgress?: (progress: CsvProgress) => void): Promise<CsvImportPreview> {
  if (text.length > MAX_IMPORT_CHARS) throw new AirlockError('VAULT_IMPORT_TOO_LARGE', 'The file is too large to import');
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new AirlockError('VAULT_IMPORT_MALFORMED', 'The file is empty');

  const headerEnd = firstLineEnd(body);
  const headerResult = Papa.parse<string[]>(body.slice(0, headerEnd), { header: false });
  const format = detectCsvFormat(headerResult.data[0] ?? []);
  if (!format) throw new AirlockError('VAULT_IMPORT_UNKNOWN_FORMAT', 'The header does not match any supported export format');

  const raw: { line: number; row: CsvRow }[] = [];
  const outcome: { failure: AirlockError | null } = { failure: null };
  const lineCounter = newLineCounter(body);
  let rowStart = headerEnd;
  Papa.parse<Record<string, string>>(body, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: normalizeHeader,
    step(result, parser) {
      const line = lineCounter(skipBlank(body, rowStart));
      rowStart = result.meta.cursor;
      const error = result.errors[0];
      if (error) {
        const atEnd = body.slice(result.meta.cursor).trim() === '';
        outcome.failure =
          error.code === 'MissingQuotes' || (atEnd && error.code === 'TooFewFields')
            ? new AirlockError('VAULT_IMPORT_TRUNCATED', `The file ends in the middle of a row (line ${line})`)
            : new AirlockError('VAULT_IMPORT_MALFORMED', `Line ${line} does not match the header`);
        parser.abort();
        return;
      }
      if (raw.length >= MAX_IMPORT_ROWS) {
        outcome.failure = new AirlockError('VAULT_IMPORT_TOO_LARGE', `The file has more than ${MAX_IMPORT_ROWS} rows`);
        parser.abort();
        return;
      }
      raw.push({ line, row: result.data });
      if (raw.length % PROGRESS_EVERY === 0) onProgress?.({ phase: 'reading', done: result.meta.cursor, total: body.length });
    },
  });
  if (outcome.failure) throw outcome.failure;
  onProgress?.({ phase: 'reading', done: body.length, total: body.length });

  const rows: ImportRow[] = [];
  const skipped: SkippedRow[] = [];
  const seen = new Set<string>();
  for (const [index, { line, row }] of raw.entries()) {
    const mapped = toImportRow(format.toCandidate(row), line);
    if (typeof mapped === 'string') {
      skipped.push({ line, reason: mapped });
    } else {
      const identity = JSON.stringify([[...mapped.origins].sort(), mapped.username, mapped.password]);
      if (seen.has(identity)) {
        skipped.push({ line, reason: 'duplicate' });
      } else {
        seen.add(identity);
        rows.push(mapped);
      }
    }
    if ((index + 1) % PROGRESS_EVERY === 0) {
      onProgress?.({ phase: 'checking', done: index + 1, total: raw.length });
      // Let the worker answer other messages during a long import.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  onProgress?.({ phase: 'checking', done: raw.length, total: raw.length });
  return { format: format.id, rows, skipped };
}

function toImportRow(candidate: CsvCandidate | SkipReason, line: number): ImportRow | SkipReason {
  if (typeof candidate === 'string') return candidate;
  if (candidate.password === '') return 'no-password';
  const urls = candidate.urls.map((url) => url.trim()).filter((url) => url !== '');
  if (urls.length === 0) return 'no-url';
  const origins: string[] = [];
  let refusal: SkipReason = 'unsupported-url';
  for (const url of urls) {
    const parsed = parseOrigin(withScheme(url));
    if (!parsed) continue;
    if (!isTrustworthyOrigin(parsed)) {
      refusal = 'insecure-url';
      continue;
    }
    if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  if (origins.length === 0) return refusal;
  const row: ImportRow = { line, title: candidate.title, origins, username: candidate.username, password: candidate.password };
  if (candidate.notes !== undefined) row.notes = candidate.notes;
  if (candidate.totp !== undefined) {
    if (isValidTotp(candidate.totp)) row.totp = candidate.totp;
    else row.totpDropped = true;
  }
  return row;
}

/** Bare host names (`example.com/login`, as KeePassXC entries often hold) are taken as https. */
function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[a-z0-9.-]+:\d+(\/|$)/i.test(url) ? url : `https://${url}`;
}

function firstLineEnd(text: string): number {
  const match = /\r\n|\n|\r/.exec(text);
  return match ? match.index + match[0].length : text.length;
}

function skipBlank(text: string, position: number): number {
  let at = position;
  while (at < text.length && /[\r\n]/.test(text[at]!)) at++;
  return at;
}

/** Line number (1-based) of a character position; positions must not decrease between calls. */
function newLineCounter(text: string): (position: number) => number {
  let counted = 0;
  let lines = 1;
  return (position) => {
    for (; counted < position; counted++) if (text.charCodeAt(counted) === 10) lines++;
    return lines;
  };
}
