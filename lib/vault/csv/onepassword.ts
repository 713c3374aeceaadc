import { column, optionalColumn, passwordColumn, type CsvFormat } from './csv-format';

/** 1Password 8: File → Export → CSV (`Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes`). */
export const onePasswordCsv: CsvFormat = {
  id: 'onepassword',
  label: '1Password',
  required: ['title', 'url', 'username', 'password', 'otpauth', 'favorite', 'archived', 'tags', 'notes'],
  optional: [],
  toCandidate: (row) => ({
    title: column(row, 'title'),
    urls: [column(row, 'url')],
    username: column(row, 'username'),
    password: passwordColumn(row, 'password'),
    totp: optionalColumn(row, 'otpauth'),
    notes: optionalColumn(row, 'notes'),
  }),
};
