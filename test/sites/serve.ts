import { startDjangoAdmin, startPassportSite, startSites, type SiteName } from './start-sites';

const LABELS: Record<SiteName, string> = {
  signIn: 'Sign-in (/login, /login-spa, /login-totp, /login-hashed)',
  multiStep: 'Multi-step sign-in',
  shop: 'Shop (/checkout)',
  settings: 'Account settings',
  oidcIssuer: 'OpenID provider (issuer)',
  relyingParty: 'Relying party (/?mode=popup, /?mode=redirect)',
};

const SITE_NAMES = Object.keys(LABELS) as SiteName[];
const USAGE = 'usage: npm run sites -- [--base-port PORT] [--django] [--passport]';

interface ServeOptions {
  /** Fixed consecutive ports from here (the sites, then Django, then Passport); free ones without it. */
  basePort?: number;
  /** Real login software, off by default: Django needs Debian's python3-django and a second or two. */
  django: boolean;
  passport: boolean;
}

function parseArgs(argv: string[]): ServeOptions {
  const options: ServeOptions = { django: false, passport: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--django') options.django = true;
    else if (arg === '--passport') options.passport = true;
    else if (arg === '--base-port') {
      const base = Number(argv[++index]);
      if (!Number.isInteger(base) || base < 1 || base > 65_527) throw new Error('--base-port needs a port number');
      options.basePort = base;
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return options;
}

function fixedPort(options: ServeOptions, offset: number): number | undefined {
  return options.basePort === undefined ? undefined : options.basePort + offset;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const ports = Object.fromEntries(SITE_NAMES.map((name, offset) => [name, fixedPort(options, offset)]).filter(([, port]) => port));
  const closers: Array<() => Promise<void>> = [];
  const stop = () => {
    void Promise.all(closers.map((close) => close())).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const sites = await startSites({ ports });
  closers.push(() => sites.close());
  for (const name of SITE_NAMES) console.log(`${LABELS[name].padEnd(48)} ${sites.urls[name]}`);
  if (options.django) {
    const django = await startDjangoAdmin({ port: fixedPort(options, SITE_NAMES.length) });
    closers.push(() => django.close());
    console.log(`${`Django admin ${django.version} (/admin/login/)`.padEnd(48)} ${django.origin}`);
  }
  if (options.passport) {
    const passport = await startPassportSite({ port: fixedPort(options, SITE_NAMES.length + 1) });
    closers.push(() => passport.close());
    console.log(`${'Passport (/login, /spa-login)'.padEnd(48)} ${passport.origin}`);
  }

  const accounts = ['SITE_USERS in test/sites/site-users.ts'];
  if (options.django) accounts.push('DJANGO_ADMIN_USER in test/sites/django-admin.ts');
  if (options.passport) accounts.push('PASSPORT_SITE_USER in test/sites/passport-site.ts');
  console.log(`\nDemo accounts: see ${accounts.join(', ')}. Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
