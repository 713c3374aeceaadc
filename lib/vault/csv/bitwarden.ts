import { column, optionalColumn, passwordColumn, type CsvFormat } from './csv-format';

/**
 * Bitwarden: Tools → Export vault → .csv. Holds every item type; only `login` items are imported.
 * `login_uri` may list several URIs separated by commas or new lines.
 */
export const bitwardenCsv: CsvFormat = {
  id: 'bitwarden',
  label: 'Bitwarden',
  required: ['folder', 'favorite', 'type', 'name', 'notes', 'fields', 'login_uri', 'login_username', 'login_password', 'login_totp'],
  optional: ['reprompt', 'collections'],
  toCandidate: (row) => {
    if (column(row, 'type').toLowerCase() !== 'login') return 'not-a-login';
    return {
      title: column(row, 'name'),
      urls: column(row, 'login_uri').split(/[\n,]/),
      username: column(row, 'login_username'),
      password: passwordColumn(row, 'login_password'),
      totp: optionalColumn(row, 'login_totp'),
      notes: optionalColumn(row, 'notes'),
    };
  },
};
