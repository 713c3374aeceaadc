import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { csrfSync } from 'csrf-sync';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { ForeignOriginError, refuseForeignOrigin } from './foreign-origin-check';
import { accountPage, homePage, loginPage, refusedPage, spaLoginPage } from './passport-pages';
import { sameSecret } from './site-users';

export interface PassportSiteUser {
  readonly username: string;
  readonly password: string;
  readonly name: string;
}

/**
 * The one account of the Passport site. Test credentials for a site that only listens on loopback;
 * its own, not a SITE_USERS one, so a fill that used the wrong site's entry fails here.
 */
export const PASSPORT_SITE_USER = {
  username: 'margaret@example.test',
  password: 'Wp5n-Gc8t-Rk2v-Yh7m-Jd4x-Sb9q',
  name: 'Margaret Hamilton',
} as const satisfies PassportSiteUser;

export interface PassportSite {
  /** e.g. `http://127.0.0.1:41234`, no trailing slash. */
  origin: string;
  /** The classic form (`POST /login`, hidden `_csrf` field, 303 to `/account`). */
  loginUrl: string;
  /** The JSON endpoint `/spa-login`'s script posts to (token in `x-csrf-token`). */
  apiLoginUrl: string;
  /** The app version of the sign-in page, whose script uses `apiLoginUrl`. */
  spaLoginUrl: string;
  username: string;
  password: string;
  close(): Promise<void>;
}

export interface StartPassportSiteOptions {
  /** Fixed port on 127.0.0.1; the OS picks a free one unless given. */
  port?: number;
}

// Browsers share cookies across ports on one host, so the name is site-specific (see cookies.ts).
const SESSION_COOKIE = 'passport_site_session';
const BAD_CREDENTIALS = 'Incorrect email address or password.';
const BODY_LIMIT = '64kb';

/**
 * Starts an Express app that signs in with the real passport-local, keeps sessions with
 * express-session (MemoryStore, HttpOnly, SameSite=Lax) and checks a synchronizer CSRF token with
 * csrf-sync; on top, it refuses state-changing requests from a foreign `Origin` (403).
 */
export async function startPassportSite(options: StartPassportSiteOptions = {}): Promise<PassportSite> {
  const server = createServer(createPassportApp());
  await listen(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    loginUrl: `${origin}/login`,
    apiLoginUrl: `${origin}/api/login`,
    spaLoginUrl: `${origin}/spa-login`,
    username: PASSPORT_SITE_USER.username,
    password: PASSPORT_SITE_USER.password,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function createPassportApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // An instance of its own, not Passport's global one, so two sites in one process never share state.
  const auth = new passport.Passport();
  auth.use(
    new LocalStrategy((username, password, done) => {
      const user = checkCredentials(username, password);
      return user ? done(null, user) : done(null, false, { message: BAD_CREDENTIALS });
    }),
  );
  auth.serializeUser((user, done) => done(null, (user as PassportSiteUser).username));
  auth.deserializeUser((username: string, done) => done(null, findUser(username) ?? false));
  const csrf = csrfSync({ getTokenFromRequest: tokenFromRequest });

  app.use(refuseForeignOrigin());
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: randomBytes(32).toString('base64url'),
      resave: false,
      // No cookie until there is something to keep (the first page that hands out a CSRF token).
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', path: '/' },
    }),
  );
  app.use(auth.session());
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT }));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(csrf.csrfSynchronisedProtection);
  // Pages carry CSRF tokens or account data: never cached (RFC 9111 §5.2.2.5).
  app.use((_request, response, next) => {
    response.set('Cache-Control', 'no-store');
    next();
  });

  app.get('/', (_request, response) => {
    response.type('html').send(homePage());
  });

  app.get('/login', (request, response) => {
    response.type('html').send(loginPage({ csrfToken: request.csrfToken!() }));
  });

  app.post('/login', (request, response, next) => {
    signIn(auth, request, response, next, (user) => {
      if (user) return response.redirect(303, '/account');
      const username = typeof request.body?.username === 'string' ? (request.body.username as string) : '';
      // The form again, with the name kept and the password never echoed.
      response.status(401).type('html').send(loginPage({ csrfToken: request.csrfToken!(), error: BAD_CREDENTIALS, username }));
    });
  });

  app.get('/spa-login', (request, response) => {
    response.type('html').send(spaLoginPage({ csrfToken: request.csrfToken!() }));
  });

  app.post('/api/login', (request, response, next) => {
    signIn(auth, request, response, next, (user) => {
      if (!user) return response.status(401).json({ ok: false, error: BAD_CREDENTIALS });
      // The sign-in started a new session, which needs a token of its own for later requests.
      response.json({ ok: true, name: user.name, csrfToken: request.csrfToken!() });
    });
  });

  app.get('/api/account', (request, response) => {
    const user = request.user as PassportSiteUser | undefined;
    if (!user) return response.status(401).json({ ok: false, error: 'Not signed in.' });
    response.json({ ok: true, username: user.username, name: user.name });
  });

  app.get('/account', (request, response) => {
    const user = request.user as PassportSiteUser | undefined;
    if (!user) return response.redirect(303, '/login');
    response.type('html').send(accountPage({ name: user.name, username: user.username, csrfToken: request.csrfToken!() }));
  });

  app.post('/logout', (request, response, next) => {
    request.logout((error) => (error ? next(error) : response.redirect(303, '/login')));
  });

  app.use((_request, response) => {
    response.status(404).type('text/plain').send('Not found');
  });
  app.use(answerRefusal);
  return app;
}

/**
 * passport-local with a custom callback, so a failure can re-render the form. `logIn` regenerates the
 * session (Passport's defence against session fixation), which drops the old CSRF token with it.
 */
function signIn(
  auth: passport.Authenticator,
  request: Request,
  response: Response,
  next: NextFunction,
  done: (user: PassportSiteUser | undefined) => void,
): void {
  const callback = (error: unknown, user: Express.User | false | null) => {
    if (error) return next(error);
    if (!user) return done(undefined);
    request.logIn(user, (loginError) => (loginError ? next(loginError) : done(user as PassportSiteUser)));
  };
  auth.authenticate('local', callback)(request, response, next);
}

/** The hidden form field for classic forms, the `x-csrf-token` header for scripts. */
function tokenFromRequest(request: Request): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const field: unknown = (request.body as Record<string, unknown> | undefined)?._csrf;
  return typeof field === 'string' ? field : undefined;
}

/** Refusals keep to fixed messages: a parser's message may quote the body, and with it a password. */
const answerRefusal: ErrorRequestHandler = (error: unknown, request, response, _next) => {
  const { status, message } = describeRefusal(error);
  if (request.path.startsWith('/api/')) {
    response.status(status).json({ ok: false, error: message });
    return;
  }
  response.status(status).type('html').send(refusedPage(status, message));
};

function describeRefusal(error: unknown): { status: number; message: string } {
  if (error instanceof ForeignOriginError) return { status: error.status, message: error.message };
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
  if (code === 'EBADCSRFTOKEN') return { status: 403, message: 'Invalid or missing CSRF token.' };
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, message: 'The request was refused.' };
  return { status: 500, message: 'Something went wrong.' };
}

function findUser(username: string): PassportSiteUser | undefined {
  return username.trim().toLowerCase() === PASSPORT_SITE_USER.username ? PASSPORT_SITE_USER : undefined;
}

function checkCredentials(username: string, password: string): PassportSiteUser | undefined {
  const user = findUser(username);
  return user && sameSecret(password, user.password) ? user : undefined;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
