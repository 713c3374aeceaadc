import type { RunningSites, SiteName } from '../../test/sites/start-sites';

/** How many requests a site received that carried a password field (names only; values are never logged). */
export function passwordPosts(sites: RunningSites, site: SiteName): number {
  return sites.log.filter((entry) => entry.site === site && entry.fields.some((field) => /password|otp/i.test(field))).length;
}
