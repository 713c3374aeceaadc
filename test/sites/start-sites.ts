import { createMultiStepSite } from './multi-step-site';
import { BROKER_CLIENT, RELYING_PARTY_CLIENT } from './oidc-clients';
import { createOidcProviderSite } from './oidc-provider-site';
import { createRelyingPartySite } from './relying-party-site';
import { createSettingsSite } from './settings-site';
import type { ShopRecords } from './shop-orders';
import { createShopSite } from './shop-site';
import { createSignInSite } from './sign-in-site';
import type { SiteLogEntry, SiteName } from './site-log';
import { startSiteServer, type SiteServer } from './site-server';

export { SITE_CARD, SITE_USERS, type SiteUser } from './site-users';
// Real login software, started on its own by the tests that need it (Django takes a second or two).
export { DJANGO_ADMIN_USER, startDjangoAdmin, type DjangoAdmin, type StartDjangoAdminOptions } from './django-admin';
export {
  PASSPORT_SITE_USER,
  startPassportSite,
  type PassportSite,
  type PassportSiteUser,
  type StartPassportSiteOptions,
} from './passport-site';
export { generateTotp } from './totp';
export type { SiteLogEntry, SiteName } from './site-log';
export type { OrderAttempt, PlacedOrder, ShopRecords } from './shop-orders';

export type SiteUrls = Record<SiteName, string>;

export interface StartSitesOptions {
  /** Loopback address to bind; 127.0.0.1 unless given. */
  host?: string;
  /** Fixed ports per site; the OS picks a free one for every site not listed. */
  ports?: Partial<Record<SiteName, number>>;
}

export interface RunningSites {
  /** Origin of each site, e.g. `http://127.0.0.1:41234` (no trailing slash; the issuer is exact). */
  urls: SiteUrls;
  /** Every request each site received, with field names only. */
  log: SiteLogEntry[];
  shop: ShopRecords;
  oidc: {
    issuer: string;
    relyingPartyClientId: string;
    brokerClientId: string;
    /** Redirect URI registered for the development extension ID; other extension IDs also match. */
    brokerRedirectUri: string;
    /** Every refresh token the provider issued so far (to look for them where they must not be). */
    issuedRefreshTokens(): string[];
  };
  /** Empties the log and the shop records (sessions and checkouts stay). */
  clearRecords(): void;
  close(): Promise<void>;
}

const SITE_NAMES: readonly SiteName[] = ['signIn', 'multiStep', 'shop', 'settings', 'oidcIssuer', 'relyingParty'];

/** Starts every local test site, each on its own origin (its own port). */
export async function startSites(options: StartSitesOptions = {}): Promise<RunningSites> {
  const host = options.host ?? '127.0.0.1';
  const log: SiteLogEntry[] = [];
  const shop: ShopRecords = { orders: [], attempts: [] };
  const servers = await startServers(host, options.ports ?? {}, log);
  const callback = `${servers.relyingParty.url}/callback`;
  const issuer = servers.oidcIssuer.url;

  servers.signIn.handle(createSignInSite());
  servers.multiStep.handle(createMultiStepSite());
  servers.shop.handle(createShopSite(shop));
  servers.settings.handle(createSettingsSite());
  const refreshTokens: string[] = [];
  const onStored = (model: string, id: string) => void (model === 'RefreshToken' && refreshTokens.push(id));
  servers.oidcIssuer.handle(createOidcProviderSite({ issuer, relyingPartyCallback: callback, onStored }));
  servers.relyingParty.handle(
    createRelyingPartySite({
      issuer,
      client: { clientId: RELYING_PARTY_CLIENT.clientId, clientSecret: RELYING_PARTY_CLIENT.clientSecret, redirectUri: callback },
    }),
  );

  return {
    urls: Object.fromEntries(SITE_NAMES.map((site) => [site, servers[site].url])) as SiteUrls,
    log,
    shop,
    oidc: {
      issuer,
      relyingPartyClientId: RELYING_PARTY_CLIENT.clientId,
      brokerClientId: BROKER_CLIENT.clientId,
      brokerRedirectUri: BROKER_CLIENT.redirectUri,
      issuedRefreshTokens: () => [...refreshTokens],
    },
    clearRecords() {
      log.length = 0;
      shop.orders.length = 0;
      shop.attempts.length = 0;
    },
    async close() {
      await Promise.all(SITE_NAMES.map((site) => servers[site].close()));
    },
  };
}

/** Listens on every port before any site is built, so sites that link to each other know the URLs. */
async function startServers(host: string, ports: Partial<Record<SiteName, number>>, log: SiteLogEntry[]): Promise<Record<SiteName, SiteServer>> {
  const started: Partial<Record<SiteName, SiteServer>> = {};
  try {
    for (const site of SITE_NAMES) started[site] = await startSiteServer({ site, host, port: ports[site], log });
  } catch (error) {
    await Promise.all(Object.values(started).map((server) => server.close()));
    throw error;
  }
  return started as Record<SiteName, SiteServer>;
}
