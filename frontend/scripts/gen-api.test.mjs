import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generate, outPath } from './gen-api.mjs';

describe('generated API types', () => {
  it('match api-spec/openapi.yaml (run `npm run gen:api` when this fails)', async () => {
    const committed = await readFile(outPath, 'utf8');
    const fresh = await generate();
    expect(committed === fresh, 'src/lib/api/schema.d.ts is stale: run `npm run gen:api`').toBe(true);
  }, 30_000);
});
