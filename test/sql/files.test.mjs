// sql/ holds the reference SQL as files to read; they must be what src/warehouse builds today.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { referenceSql } from '../../scripts/emit-sql.mjs';

it('sql/ is in step with the generator (node scripts/emit-sql.mjs)', async () => {
  for (const [name, text] of Object.entries(await referenceSql())) {
    assert.equal(readFileSync(resolve(import.meta.dirname, '../../sql', name), 'utf8'), text, `sql/${name} is out of date`);
  }
});
