import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../lib/errors/airlock-error';
import type { ErrorCode } from '../../../lib/errors/codes';
import { parseCsvImport, type CsvProgress } from '../../../lib/vault/csv/parse-csv-import';
import { CSV_FORMATS, detectCsvFormat } from '../../../lib/vault/csv/registry';
import { BITWARDEN_CSV, CHROME_CSV, FIREFOX_CSV, KEEPASSXC_CSV, ONEPASSWORD_CSV, SAFARI_CSV } from './csv-samples';

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<AirlockError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AirlockError);
  expect((error as AirlockError).code).toBe(code);
  return error as AirlockError;
}

describe('CSV format registry', () => {
  it('each format recognises its own header and no other format claims it', () => {
    for (const format of CSV_FORMATS) {
      expect(detectCsvFormat([...format.required])?.id).toBe(format.id);
      expect(detectCsvFormat([...format.required, ...format.optional])?.id).toBe(format.id);
    }
  });

  it('an unknown header is no format', () => {
    expect(detectCsvFormat(['site', 'login', 'secret'])).toBeNull();
    expect(detectCsvFormat(['name', 'url', 'username', 'password', 'extra'])).toBeNull();
  });
});

describe('parseCsvImport', () => {
  it('Chrome: quoted commas and new lines, http and app entries skipped, duplicates dropped', async () => {
    const preview = await parseCsvImport(CHROME_CSV);
    expect(preview.format).toBe('chrome');
    expect(preview.rows).toEqual([
      { line: 2, title: 'accounts.example.com', origins: ['https://accounts.example.com'], username: 'ada@example.com', password: 'p,ss"word' },
      { line: 3, title: 'shop.example', origins: ['https://shop.example'], username: 'ada', password: 'shop-pass', notes: 'two-line\nnote' },
    ]);
    expect(preview.skipped).toEqual([
      { line: 5, reason: 'insecure-url' },
      { line: 6, reason: 'unsupported-url' },
      { line: 7, reason: 'no-password' },
      { line: 8, reason: 'duplicate' },
    ]);
  });

  it('Firefox: CRLF lines, the Firefox Accounts entry skipped, loopback http kept', async () => {
    const preview = await parseCsvImport(FIREFOX_CSV);
    expect(preview.format).toBe('firefox');
    expect(preview.rows.map((row) => [row.line, row.origins, row.password])).toEqual([
      [2, ['https://www.example.org'], 'fx-pass'],
      [4, ['http://localhost:8080'], 'dev-pass'],
    ]);
    expect(preview.skipped).toEqual([{ line: 3, reason: 'unsupported-url' }]);
  });

  it('Bitwarden: several URIs, TOTP, non-login items skipped, an unreadable TOTP dropped with a flag', async () => {
    const preview = await parseCsvImport(BITWARDEN_CSV);
    expect(preview.format).toBe('bitwarden');
    expect(preview.rows[0]).toEqual({
      line: 2,
      title: 'Example',
      origins: ['https://example.com', 'https://sso.example.com'],
      username: 'ada',
      password: 'bw-pass',
      totp: 'JBSWY3DPEHPK3PXP',
      notes: 'line one\nline two',
    });
    expect(preview.rows[1]).toMatchObject({ line: 5, title: 'Forum', totp: expect.stringContaining('otpauth://totp/') });
    expect(preview.rows[2]).toMatchObject({ line: 6, password: 'broken-pass', totpDropped: true });
    expect(preview.rows[2]!.totp).toBeUndefined();
    expect(preview.skipped).toEqual([{ line: 4, reason: 'not-a-login' }]);
  });

  it('1Password: OTPAuth column, an item without URL skipped', async () => {
    const preview = await parseCsvImport(ONEPASSWORD_CSV);
    expect(preview.format).toBe('onepassword');
    expect(preview.rows).toEqual([
      expect.objectContaining({ line: 2, title: 'Example', origins: ['https://example.com'], password: 'op-pass', totp: expect.stringContaining('otpauth://') }),
    ]);
    expect(preview.skipped).toEqual([{ line: 3, reason: 'no-password' }]);
  });

  it('KeePassXC: a bare host taken as https, a port kept, an entry without URL skipped', async () => {
    const preview = await parseCsvImport(KEEPASSXC_CSV);
    expect(preview.format).toBe('keepassxc');
    expect(preview.rows.map((row) => row.origins)).toEqual([['https://example.com'], ['https://intranet.example:8443']]);
    expect(preview.rows[0]!.totp).toContain('otpauth://');
    expect(preview.skipped).toEqual([{ line: 4, reason: 'no-url' }]);
  });

  it('Safari: told apart from 1Password by its header', async () => {
    const preview = await parseCsvImport(SAFARI_CSV);
    expect(preview.format).toBe('safari');
    expect(preview.rows.map((row) => [row.title, row.password, row.notes ?? null])).toEqual([
      ['example.com (ada)', 'sf-pass', null],
      ['shop.example (ada)', 'sf-pass-2', 'Notes, with comma'],
    ]);
  });

  it('a byte-order mark and a trailing blank line change nothing', async () => {
    const preview = await parseCsvImport(`\uFEFF${SAFARI_CSV}\n\n`);
    expect(preview.format).toBe('safari');
    expect(preview.rows).toHaveLength(2);
  });

  it('a file cut inside a quoted field or a row gives VAULT_IMPORT_TRUNCATED and no preview', async () => {
    const insideQuote = CHROME_CSV.slice(0, CHROME_CSV.indexOf('two-line') + 4);
    const error = await expectCode(parseCsvImport(insideQuote), 'VAULT_IMPORT_TRUNCATED');
    expect(error.message).not.toContain('shop-pass');
    const insideRow = SAFARI_CSV.slice(0, SAFARI_CSV.lastIndexOf('sf-pass-2'));
    await expectCode(parseCsvImport(insideRow), 'VAULT_IMPORT_TRUNCATED');
  });

  it('a malformed file gives an error code and no preview', async () => {
    const shifted = ['name,url,username,password', 'a,https://a.example,ada', 'b,https://b.example,bob,pw'].join('\n');
    const error = await expectCode(parseCsvImport(shifted), 'VAULT_IMPORT_MALFORMED');
    expect(error.message).toContain('Line 2');
    await expectCode(parseCsvImport(''), 'VAULT_IMPORT_MALFORMED');
    await expectCode(parseCsvImport('this is,not,a,password export\n1,2,3,4'), 'VAULT_IMPORT_UNKNOWN_FORMAT');
  });

  it('reads 10,000 rows with progress reports', async () => {
    const lines = ['name,url,username,password,note'];
    for (let i = 0; i < 10_000; i++) lines.push(`site${i},https://site${i}.example/login,user${i},"pw,${i}",`);
    const progress: CsvProgress[] = [];
    const started = performance.now();
    const preview = await parseCsvImport(lines.join('\n'), (report) => progress.push(report));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(preview.rows).toHaveLength(10_000);
    expect(preview.rows[9_999]).toMatchObject({ line: 10_001, password: 'pw,9999' });
    expect(preview.skipped).toEqual([]);
    const checking = progress.filter((report) => report.phase === 'checking');
    expect(progress.some((report) => report.phase === 'reading')).toBe(true);
    expect(checking.length).toBeGreaterThanOrEqual(20);
    expect(checking.map((report) => report.done)).toEqual([...checking.map((report) => report.done)].sort((a, b) => a - b));
    expect(checking.at(-1)).toEqual({ phase: 'checking', done: 10_000, total: 10_000 });
  });
});
