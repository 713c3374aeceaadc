import { defineConfig } from 'wxt';
import { EXTENSION_PUBLIC_KEY } from './lib/extension-key';

// Permissions are the least the shipped features need. `debugger` adds the "a debugger is attached to
// this tab" signal and the watch on Airlock's own targets, but Chromium grants it only at install
// (it cannot be optional), so it is a build of its own: AIRLOCK_WITH_DEBUGGER=1 (Chromium only).
const storeBuild = Boolean(process.env.AIRLOCK_STORE_BUILD);
const withDebugger = Boolean(process.env.AIRLOCK_WITH_DEBUGGER);
// The attack suite's control: every protection of lib/security/protections.ts off. Never shipped.
// `1`: all off; a list of names (lib/security/protections.ts): those off, built to `.output/without-<names>`.
const unprotected = process.env.AIRLOCK_UNPROTECTED ?? '';
if (unprotected && storeBuild) throw new Error('AIRLOCK_UNPROTECTED builds are for tests only');
process.env.WXT_AIRLOCK_UNPROTECTED = unprotected;
const unprotectedDir = unprotected === '1' ? '.output/unprotected' : `.output/without-${unprotected.replace(/[^A-Za-z,]/g, '').replace(/,/g, '-')}`;

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Store builds go to their own folder, so that they never replace the development build that
  // tests and the demo load (whose manifest key pins the extension ID).
  outDir: storeBuild ? '.output/store' : withDebugger ? '.output/with-debugger' : unprotected ? unprotectedDir : '.output',
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: unprotected ? 'Airlock UNPROTECTED TEST BUILD' : '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // webNavigation + declarativeNetRequestWithHostAccess: the OAuth broker stops an agent tab's
    // authorization request and holds responses at the redirect URI until judged; identity: the token
    // broker's launchWebAuthFlow.
    // alarms: the vault's idle lock wakes a stopped worker to drop the key on time.
    permissions: [
      'alarms',
      'storage',
      'tabs',
      'notifications',
      'webNavigation',
      'declarativeNetRequestWithHostAccess',
      'identity',
      // offscreen: sign-in requests carrying the real password leave from a document automation does not record.
      ...(browser !== 'firefox' ? ['offscreen'] : []),
      ...(withDebugger && browser !== 'firefox' ? ['debugger'] : []),
    ],
    host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_actionTitle__' },
    storage: { managed_schema: 'managed-schema.json' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'airlock@airlock.dev', strict_min_version: '128.0' },
          },
        }
      : storeBuild
        ? {}
        : { key: EXTENSION_PUBLIC_KEY }),
  }),
  zip: {
    artifactTemplate: 'airlock-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'airlock-{{version}}-sources.zip',
  },
});
