import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_SIGNALS } from '../../../lib/detect/signals/field';
import { FORM_SIGNALS } from '../../../lib/detect/signals/form';

/** One signal per file, named after it, and every file listed in its registry (docs/architecture.md). */
describe.each([
  ['field', FIELD_SIGNALS],
  ['form', FORM_SIGNALS],
] as const)('%s signal registry', (folder, registry) => {
  const files = readdirSync(join('lib/detect/signals', folder))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''));

  it('lists every signal file once, under the file name', () => {
    expect(registry.map((s) => s.name).sort()).toEqual(files.sort());
  });
});
