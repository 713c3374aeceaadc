import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretFinding {
  file: string;
  secret: string;
}

/**
 * Looks for each secret's bytes in every file under `paths` (text and images alike). `secrets` maps a
 * name ("ada's password") to the value; findings name the secret, never print it.
 */
export function scanForSecrets(paths: readonly string[], secrets: Readonly<Record<string, string>>): SecretFinding[] {
  const needles = Object.entries(secrets).map(([name, value]) => ({ name, bytes: Buffer.from(value, 'utf8') }));
  const findings: SecretFinding[] = [];
  for (const file of paths.flatMap(filesUnder)) {
    const content = readFileSync(file);
    const lower = Buffer.from(content.toString('latin1').toLowerCase(), 'latin1');
    for (const needle of needles) {
      const wanted = Buffer.from(needle.bytes.toString('latin1').toLowerCase(), 'latin1');
      if (lower.includes(wanted)) findings.push({ file, secret: needle.name });
    }
  }
  return findings;
}

function filesUnder(path: string): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}
