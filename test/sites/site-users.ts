import { timingSafeEqual } from 'node:crypto';

export interface SiteUser {
  readonly username: string;
  readonly password: string;
  readonly name: string;
  /** Base32 secret of the user's authenticator app (RFC 6238, SHA-1, 6 digits, 30 s). */
  readonly totpSecret: string;
}

/**
 * Demo accounts shared by every local test site. These are test credentials for sites that only ever
 * listen on loopback; keeping them in source lets tests and the demo fill the vault with them.
 */
export const SITE_USERS = {
  ada: {
    username: 'ada@example.test',
    password: 'correct horse battery staple',
    name: 'Ada Lovelace',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  },
  grace: {
    username: 'grace@example.test',
    password: 'tr0ub4dor&3 is not enough',
    name: 'Grace Hopper',
    totpSecret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF',
  },
} as const satisfies Record<string, SiteUser>;

/** Test card accepted by the shop (passes the Luhn check; any future expiry and 3-digit CVC work). */
export const SITE_CARD = {
  number: '4242 4242 4242 4242',
  expiry: '12/34',
  cvc: '123',
  holder: 'Ada Lovelace',
} as const;

const ALL_USERS: readonly SiteUser[] = Object.values(SITE_USERS);

export function findUser(username: string): SiteUser | undefined {
  const wanted = username.trim().toLowerCase();
  return ALL_USERS.find((user) => user.username === wanted);
}

/** Returns the user only when both the username and the password match. */
export function checkCredentials(username: string, password: string): SiteUser | undefined {
  const user = findUser(username);
  if (!user) return undefined;
  return sameSecret(password, user.password) ? user : undefined;
}

/** Constant-time comparison, so the sites do not teach a timing side channel by example. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
