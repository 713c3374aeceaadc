import { column, optionalColumn, passwordColumn, type CsvFormat } from './csv-format';

/** KeePassXC: Database → Export → CSV file (`Group,Title,Username,Password,URL,Notes[,TOTP,Icon,Last Modified,Created]`). */
export const keePassXcCsv: CsvFormat = {
  id: 'keepassxc',
  label: 'KeePassXC',
  required: ['group', 'title', 'username', 'password', 'url', 'notes'],
  optional: ['totp', 'icon', 'last modified', 'created'],
  toCandidate: (row) => ({
    title: column(row, 'title'),
    urls: [column(row, 'url')],
    username: column(row, 'username'),
    password: passwordColumn(row, 'password'),
    totp: optionalColumn(row, 'totp'),
    notes: optionalColumn(row, 'notes'),
  }),
};
