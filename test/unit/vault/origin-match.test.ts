import { describe, expect, it } from 'vitest';
import { confusableHostReasons, entryIndexKeys, hostForDisplay, isConfusableHost, matchOrigin, normalizeOrigin } from '../../../lib/vault/origin-match';

describe('matchOrigin', () => {
  it('matches the exact scheme, host and port', () => {
    expect(matchOrigin('https://example.com', 'https://example.com')).toEqual({ ok: true });
    expect(matchOrigin('https://example.com', 'https://EXAMPLE.com:443')).toEqual({ ok: true });
  });

  it('refuses a lookalike host (Cyrillic "а" in "аpple.com")', () => {
    const lookalike = new URL('https://\u0430pple.com').origin;
    expect(lookalike).toBe('https://xn--pple-43d.com');
    expect(matchOrigin('https://apple.com', lookalike)).toEqual({ ok: false, reason: 'mismatch' });
    expect(matchOrigin('https://apple.com', 'https://app1e.com')).toEqual({ ok: false, reason: 'mismatch' });
    expect(matchOrigin('https://example.com', 'https://example.com.evil.test', 'site')).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses an http downgrade of an https origin', () => {
    expect(matchOrigin('https://example.com', 'http://example.com')).toEqual({ ok: false, reason: 'insecure' });
    expect(matchOrigin('https://example.com', 'http://example.com', 'site')).toEqual({ ok: false, reason: 'insecure' });
    expect(normalizeOrigin('http://example.com')).toBeNull();
  });

  it('matches a registrable-domain sibling only where the human chose site matching', () => {
    expect(matchOrigin('https://example.com', 'https://login.example.com')).toEqual({ ok: false, reason: 'mismatch' });
    expect(matchOrigin('https://example.com', 'https://login.example.com', 'site')).toEqual({ ok: true });
    expect(matchOrigin('https://www.example.co.uk', 'https://id.example.co.uk', 'site')).toEqual({ ok: true });
    // Public suffixes (ICANN and private sections) separate unrelated owners.
    expect(matchOrigin('https://a.co.uk', 'https://b.co.uk', 'site')).toEqual({ ok: false, reason: 'mismatch' });
    expect(matchOrigin('https://alice.github.io', 'https://mallory.github.io', 'site')).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a port mismatch, also under site matching', () => {
    expect(matchOrigin('https://example.com', 'https://example.com:8443')).toEqual({ ok: false, reason: 'mismatch' });
    expect(matchOrigin('https://example.com', 'https://login.example.com:8443', 'site')).toEqual({ ok: false, reason: 'mismatch' });
    expect(matchOrigin('http://localhost:3000', 'http://localhost:3001')).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('allows http on loopback only', () => {
    expect(matchOrigin('http://localhost:3000', 'http://localhost:3000')).toEqual({ ok: true });
    expect(matchOrigin('http://127.0.0.1:8080', 'http://127.0.0.1:8080')).toEqual({ ok: true });
    expect(matchOrigin('http://[::1]:8080', 'http://[::1]:8080')).toEqual({ ok: true });
    expect(matchOrigin('http://192.168.1.10', 'http://192.168.1.10')).toEqual({ ok: false, reason: 'insecure' });
    expect(matchOrigin('http://localhost.evil.test', 'http://localhost.evil.test')).toEqual({ ok: false, reason: 'insecure' });
  });

  it('refuses anything that is not an http(s) origin', () => {
    for (const frame of ['null', 'file:///etc/passwd', 'data:text/html,x', 'javascript:alert(1)', 'chrome-extension://abc', '']) {
      expect(matchOrigin('https://example.com', frame)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('indexes site-matching entries under their site as well', () => {
    expect(entryIndexKeys(['https://login.example.com'], 'exact')).toEqual(['https://login.example.com']);
    expect(entryIndexKeys(['https://login.example.com'], 'site')).toEqual(['https://login.example.com', 'site:https://example.com']);
  });
});

describe('isConfusableHost', () => {
  it('flags Punycode labels and shows their Unicode form', () => {
    expect(confusableHostReasons('xn--pple-43d.com')).toEqual(expect.arrayContaining(['punycode', 'mixed-script', 'lookalike-characters']));
    expect(hostForDisplay('xn--pple-43d.com')).toBe('\u0430pple.com');
    expect(confusableHostReasons('xn--bcher-kva.example')).toEqual(['punycode']);
    expect(confusableHostReasons('xn--a-9.com')).toContain('invalid-punycode');
  });

  it('flags mixed scripts and whole-script lookalikes given in Unicode', () => {
    expect(confusableHostReasons('p\u0430ypal.com')).toEqual(expect.arrayContaining(['mixed-script', 'lookalike-characters']));
    // "аре" all Cyrillic, each letter a Latin lookalike.
    expect(confusableHostReasons('\u0430\u0440\u0435.com')).toEqual(['lookalike-characters']);
    expect(isConfusableHost('g\u03bfogle.com')).toBe(true);
  });

  it('leaves ordinary hosts alone', () => {
    for (const host of ['example.com', 'login.example.co.uk', 'localhost', '127.0.0.1', 'my-site.example']) expect(isConfusableHost(host)).toBe(false);
  });
});
