import { column, optionalColumn, passwordColumn, type CsvFormat } from './csv-format';

/** Safari / macOS Passwords: File → Export Passwords (`Title,URL,Username,Password,Notes,OTPAuth`). */
export const safariCsv: CsvFormat = {
  id: 'safari',
  label: 'Safari',
  required: ['title', 'url', 'username', 'password'],
  optional: ['notes', 'otpauth'],
  toCandidate: (row) => ({
    title: column(row, 'title'),
    urls: [column(row, 'url')],
    username: column(row, 'username'),
    password: passwordColumn(row, 'password'),
    totp: optionalColumn(row, 'otpauth'),
    notes: optionalColumn(row, 'notes'),
  }),
};
