import { startSites, type SiteName } from './start-sites';

const LABELS: Record<SiteName, string> = {
  signIn: 'Sign-in (/login, /login-spa, /login-totp)',
  multiStep: 'Multi-step sign-in',
  shop: 'Shop (/checkout)',
  settings: 'Account settings',
  oidcIssuer: 'OpenID provider (issuer)',
  relyingParty: 'Relying party (/?mode=popup, /?mode=redirect)',
};

/** `--base-port 8100` gives the sites fixed consecutive ports; without it the OS picks free ones. */
function fixedPorts(argv: string[]): Partial<Record<SiteName, number>> {
  const index = argv.indexOf('--base-port');
  if (index < 0) return {};
  const base = Number(argv[index + 1]);
  if (!Number.isInteger(base) || base < 1 || base > 65_530) throw new Error('--base-port needs a port number');
  const names = Object.keys(LABELS) as SiteName[];
  return Object.fromEntries(names.map((name, offset) => [name, base + offset]));
}

async function main(): Promise<void> {
  const sites = await startSites({ ports: fixedPorts(process.argv.slice(2)) });
  for (const [name, label] of Object.entries(LABELS) as [SiteName, string][]) {
    console.log(`${label.padEnd(48)} ${sites.urls[name]}`);
  }
  console.log('\nDemo accounts: see SITE_USERS in test/sites/site-users.ts. Press Ctrl-C to stop.');
  const stop = () => {
    void sites.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
