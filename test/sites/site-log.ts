export type SiteName = 'signIn' | 'multiStep' | 'shop' | 'settings' | 'oidcIssuer' | 'relyingParty';

/**
 * One request a site received. Only field *names* are kept: a test can prove that a password reached
 * the site without the value ever being stored in the record or printed anywhere.
 */
export interface SiteLogEntry {
  site: SiteName;
  path: string;
  method: string;
  fields: string[];
  status: number;
  /** False when the site refused the request (status 400 or above). */
  ok: boolean;
  at: number;
}
