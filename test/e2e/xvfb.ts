import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface VirtualDisplay {
  /** `:<n>`, for DISPLAY. */
  display: string;
  close(): Promise<void>;
}

/**
 * An X server of its own (Xvfb, Debian's `xvfb`), so that a browser runs headed as on a person's
 * desktop and `xdotool` can type and click into it as the OS does.
 */
export async function startXvfb(): Promise<VirtualDisplay> {
  for (let n = 90 + Math.floor(Math.random() * 400); ; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const child = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const failed = new Promise<Error>((done) => child.once('error', done));
    for (let waited = 0; waited < 10_000; waited += 100) {
      if (existsSync(`/tmp/.X11-unix/X${n}`)) {
        return {
          display: `:${n}`,
          async close() {
            child.kill('SIGTERM');
            await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
          },
        };
      }
      const error = await Promise.race([failed, new Promise<null>((done) => setTimeout(() => done(null), 100))]);
      if (error) throw new Error(`Xvfb did not start (${error.message}): install Debian's xvfb package`);
      if (child.exitCode !== null) break;
    }
    child.kill('SIGKILL');
    if (n > 1000) throw new Error('Xvfb: no free display');
  }
}
