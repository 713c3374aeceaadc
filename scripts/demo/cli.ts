export interface DemoOptions {
  headless: boolean;
  /** Directory the report is written to. */
  reportDir: string;
  /** Directory of the README screenshots. */
  screenshotsDir: string;
}

const USAGE = `Usage: tsx scripts/demo.ts [--headless | --headed]

Runs a scripted agent through the local test sites in Chromium with the built extension
(.output/chrome-mv3; build it first with \`npx wxt build\`) and writes demo-report/.
Headless when there is no display (no DISPLAY, or CI set); --headless / --headed override.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads the command line; headless by default where no window could be shown. */
export function parseDemoOptions(argv: readonly string[], env: NodeJS.ProcessEnv): DemoOptions | 'help' {
  let headless = !env.DISPLAY || !!env.CI;
  for (const arg of argv) {
    if (arg === '--headless') headless = true;
    else if (arg === '--headed') headless = false;
    else if (arg === '--help' || arg === '-h') return 'help';
    else throw new UsageError(`Unknown argument ${arg}\n\n${USAGE}`);
  }
  return { headless, reportDir: 'demo-report', screenshotsDir: 'docs/screenshots' };
}

export { USAGE };
