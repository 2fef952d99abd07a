import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateApiDocs } from '../../src-shared/api-docs';
import { COMMAND_NAMES, EVENT_NAMES } from '../../src-shared/contract';

const apiMd = fileURLToPath(new URL('../../docs/api.md', import.meta.url));

describe('docs/api.md', () => {
  it('is what the contract generates (regenerate with `npm run docs:api`)', async () => {
    expect(await readFile(apiMd, 'utf8')).toBe(generateApiDocs());
  });

  it('documents every command and every event by name', () => {
    const docs = generateApiDocs();
    for (const name of [...COMMAND_NAMES, ...EVENT_NAMES]) expect(docs).toContain(`## \`${name}\``);
  });

  it('lists input fields with their limits and each command’s errors', () => {
    const docs = generateApiDocs();
    const list = docs.slice(docs.indexOf('## `catalog.list`'), docs.indexOf('## `catalog.get`'));
    expect(list).toMatch(/\| `filters\.minCost` \| integer \| no \| ≥ 0/);
    expect(list).toMatch(/\| `limit` \| integer \| no \| ≥ 1, ≤ 500 \|/);
    expect(list).toContain('**Errors:** `INVALID_INPUT`');
    const create = docs.slice(docs.indexOf('## `marketplace.create`'), docs.indexOf('## `marketplace.openDemo`'));
    expect(create).toContain('| `name` | string | yes |');
    expect(create).toContain('**Errors:** `INVALID_INPUT`, `CONFLICT`');
  });
});
