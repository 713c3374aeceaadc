import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Django admin's superuser. Test credentials for a site that only listens on loopback; the
 * password is long and random-looking so that a leak check can never find it by chance.
 */
export const DJANGO_ADMIN_USER = {
  username: 'airlock-admin',
  password: 'Qm7v-Xr2k-Tz9p-Lw4c-Hb8n-Fd3s',
  email: 'admin@example.test',
} as const;

export interface DjangoAdmin {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  origin: string;
  /** `${origin}/admin/login/`, the admin's own sign-in page. */
  loginUrl: string;
  username: string;
  password: string;
  /** Django's version, as the server reported it (Debian bookworm ships 3.2). */
  version: string;
  close(): Promise<void>;
}

export interface StartDjangoAdminOptions {
  /** Fixed port on 127.0.0.1; the OS picks a free one unless given. */
  port?: number;
}

// Debian's python3-django installs for the system Python only; a pyenv or venv python3 on PATH
// would not find it.
const PYTHON = '/usr/bin/python3';
const APT_PACKAGE = 'python3-django';
const PROJECT_DIR = fileURLToPath(new URL('./django/', import.meta.url));
const DJANGO_MISSING = 3; // serve.py's exit status when `import django` fails
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const STDERR_TAIL_CHARS = 4_000;

/**
 * Starts Django's real admin (Debian's python3-django) on 127.0.0.1 with a fresh SQLite database and
 * one superuser; resolves once `/admin/login/` answers. Its sign-in goes through Django's own CSRF
 * token (cookie plus hidden field), session cookie and redirect, none of them changed here.
 */
export async function startDjangoAdmin(options: StartDjangoAdminOptions = {}): Promise<DjangoAdmin> {
  const dataDir = await mkdtemp(join(tmpdir(), 'airlock-django-'));
  let child: ChildProcess | undefined;
  try {
    child = spawn(PYTHON, ['-I', '-B', 'serve.py', String(options.port ?? 0)], {
      cwd: PROJECT_DIR,
      env: {
        ...process.env,
        AIRLOCK_DJANGO_SECRET_KEY: randomBytes(32).toString('base64url'),
        AIRLOCK_DJANGO_DATA_DIR: dataDir,
        AIRLOCK_DJANGO_USERNAME: DJANGO_ADMIN_USER.username,
        AIRLOCK_DJANGO_EMAIL: DJANGO_ADMIN_USER.email,
        AIRLOCK_DJANGO_PASSWORD: DJANGO_ADMIN_USER.password,
      },
      // Its own process group, so close() can signal everything it started. Standard input stays
      // open as a lifeline: serve.py exits when it closes, i.e. when this process is gone.
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const { port, version } = await waitForListening(child);
    const origin = `http://127.0.0.1:${port}`;
    const loginUrl = `${origin}/admin/login/`;
    await waitForPage(loginUrl, child);
    const running = child;
    return {
      origin,
      loginUrl,
      username: DJANGO_ADMIN_USER.username,
      password: DJANGO_ADMIN_USER.password,
      version,
      async close() {
        await stop(running);
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) await stop(child);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Reads serve.py's `listening <port> <version>` line; fails with its stderr if it exits first. It
 * waits for 'close', not 'exit', so that stderr has been read to the end.
 */
function waitForListening(child: ChildProcess): Promise<{ port: number; version: string }> {
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stdout!.setEncoding('utf8');
  // Keeps draining both pipes after start-up too: a full pipe would block the server's logging.
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Django admin did not start within ${START_TIMEOUT_MS} ms\n${stderr}`)), START_TIMEOUT_MS);
    function fail(error: Error) {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      reject(error);
    }
    function onData(chunk: string) {
      stdout += chunk;
      const match = /^listening (\d+) (\S+)$/m.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      child.off('close', onClose);
      child.off('error', onError);
      resolve({ port: Number(match[1]), version: match[2]! });
    }
    function onClose(code: number | null, signal: NodeJS.Signals | null) {
      if (code === DJANGO_MISSING) {
        fail(new Error(`Django is not installed for ${PYTHON}: install Debian's ${APT_PACKAGE} (apt-get install -y ${APT_PACKAGE})`));
      } else {
        fail(new Error(`Django admin exited before it listened (${signal ?? `status ${code}`})\n${stderr}`));
      }
    }
    function onError(error: NodeJS.ErrnoException) {
      const hint = error.code === 'ENOENT' ? `${PYTHON} not found: install Debian's python3 and ${APT_PACKAGE}` : error.message;
      fail(new Error(`Django admin could not start: ${hint}`));
    }
    child.stdout!.on('data', onData);
    child.once('close', onClose);
    child.once('error', onError);
  });
}

/** The server listens before it is asked; this proves that the admin itself answers. */
async function waitForPage(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('Django admin exited while starting');
    let status: number;
    try {
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      // Not answering yet; any answer, right or wrong, ends the wait.
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    if (status !== 200) throw new Error(`Django admin answered ${status} at ${url}`);
    return;
  }
}

/** SIGTERM to the process group, SIGKILL if it is still there after STOP_TIMEOUT_MS. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  signalGroup('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
  });
  if (await Promise.race([exited.then(() => false), timedOut])) {
    signalGroup('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
  child.stdin?.destroy();
}
