/**
 * The Airlock demo: a scripted agent drives the local test sites in Chromium with the built extension
 * and the demo writes what it did and what Airlock saw to demo-report/ (index.html, report.md and
 * screenshots), plus the README screenshots in docs/screenshots/.
 *
 *   npx wxt build && npx tsx scripts/demo.ts [--headless | --headed]
 *
 * Exits 1 when a scene fails or a secret of the demo user appears in the report.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtensionBrowser, type ExtensionBrowser } from '../test/e2e/extension-browser';
import { SITE_USERS, startSites, type RunningSites } from '../test/sites/start-sites';
import { parseDemoOptions, USAGE, UsageError, type DemoOptions } from './demo/cli';
import { collectNotYet, type DemoReport } from './demo/report/report-model';
import { scanForSecrets } from './demo/report/secret-scan';
import { runScenes } from './demo/run-scenes';
import { agentClientFor, type Stage } from './demo/scene-context';
import { SCENES } from './demo/scenes';
import { prepareReportDir, writeReport } from './demo/write-report';

const README_SCREENSHOTS = ['popup-agent.png', 'popup-human.png', 'popup-sign-in.png', 'popup-payment.png', 'human-window.png', 'settings.png'];

const log = (line: string) => console.log(line);

/** Every form in which a secret of the demo user could end up in a file. */
function demoSecrets(): Record<string, string> {
  const { password, totpSecret } = SITE_USERS.ada;
  return {
    "the demo user's password": password,
    "the demo user's password (URL-encoded)": encodeURIComponent(password),
    "the demo user's password (form-encoded)": password.replace(/ /g, '+'),
    "the demo user's TOTP secret": totpSecret,
  };
}

async function run(options: DemoOptions): Promise<number> {
  const started = Date.now();
  let sites: RunningSites | undefined;
  let browser: ExtensionBrowser | undefined;
  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= (async () => {
      await browser?.close().catch((error: unknown) => console.error('Closing the browser failed:', error));
      await sites?.close().catch((error: unknown) => console.error('Stopping the sites failed:', error));
    })());
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: closing the browser and the sites…`);
    void shutdown().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    prepareReportDir(options.reportDir);
    mkdirSync(options.screenshotsDir, { recursive: true });
    sites = await startSites();
    log(`Sites: ${Object.values(sites.urls).join(' ')}`);
    browser = await launchExtensionBrowser({ headless: options.headless });
    const worker = await browser.serviceWorker();
    const manifest = await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }).chrome.runtime.getManifest());
    const browserVersion = browser.context.browser()?.version() ?? (await worker.evaluate(() => navigator.userAgent));
    log(`Chromium (${options.headless ? 'headless' : 'headed'}) with Airlock ${manifest.version} (${browser.extensionId})`);

    const agentPage = browser.context.pages()[0] ?? (await browser.context.newPage());
    await agentPage.setViewportSize({ width: 1000, height: 700 });
    const stage: Stage = { sites, browser, agentPage, agent: agentClientFor(agentPage), reportDir: options.reportDir };
    const scenes = await runScenes(stage, SCENES, log);

    const report: DemoReport = {
      startedAt: started,
      durationMs: Date.now() - started,
      headless: options.headless,
      browserVersion,
      extensionId: browser.extensionId,
      extensionVersion: manifest.version,
      siteUrls: { ...sites.urls },
      scenes,
      notYet: collectNotYet(scenes),
      extraFiles: README_SCREENSHOTS.map((name) => `${options.screenshotsDir}/${name}`),
    };
    const html = writeReport(options.reportDir, report);

    const readme = README_SCREENSHOTS.map((name) => `${options.screenshotsDir}/${name}`);
    const findings = scanForSecrets([options.reportDir, ...readme], demoSecrets());
    for (const finding of findings) console.error(`✘ ${finding.file} contains ${finding.secret}`);
    const failed = scenes.filter((scene) => scene.outcome === 'failed');

    log(`\nReport: ${resolve(html)}`);
    log(`Took ${((Date.now() - started) / 1000).toFixed(1)} s; ${scenes.length - failed.length}/${scenes.length} scenes passed.`);
    if (failed.length) console.error(`Demo failed: ${failed.map((scene) => `"${scene.title}" (${scene.error ?? 'failed'})`).join('; ')}`);
    if (findings.length) console.error('Demo failed: a secret of the demo user appears in the report (see above). Do not publish it.');
    return failed.length || findings.length ? 1 : 0;
  } finally {
    await shutdown();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

async function main(): Promise<void> {
  let options: DemoOptions | 'help';
  try {
    options = parseDemoOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  try {
    process.exitCode = await run(options);
  } catch (error) {
    console.error(`Demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
}

void main();
