import { column, optionalColumn, passwordColumn, type CsvFormat } from './csv-format';

/** Chrome / Chromium / Edge: Settings → Passwords → Export (`name,url,username,password[,note]`). */
export const chromeCsv: CsvFormat = {
  id: 'chrome',
  label: 'Google Chrome',
  required: ['name', 'url', 'username', 'password'],
  optional: ['note'],
  toCandidate: (row) => ({
    title: column(row, 'name'),
    urls: [column(row, 'url')],
    username: column(row, 'username'),
    password: passwordColumn(row, 'password'),
    notes: optionalColumn(row, 'note'),
  }),
};
