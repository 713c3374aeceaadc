import { column, passwordColumn, type CsvFormat } from './csv-format';

/** Firefox: about:logins → Export (`url,username,password,httpRealm,formActionOrigin,guid,time*`). */
export const firefoxCsv: CsvFormat = {
  id: 'firefox',
  label: 'Mozilla Firefox',
  required: ['url', 'username', 'password'],
  optional: ['httprealm', 'formactionorigin', 'guid', 'timecreated', 'timelastused', 'timepasswordchanged'],
  toCandidate: (row) => ({
    title: '',
    urls: [column(row, 'url')],
    username: column(row, 'username'),
    password: passwordColumn(row, 'password'),
  }),
};
