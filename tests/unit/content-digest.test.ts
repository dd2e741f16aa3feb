/**
 * The content's digest names what the build wrote from it (/data/decisions.db): the build and
 * the server read one folder under different names, and must agree on it.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { contentDigest } from '../../lib/content/digest';
import { readContentDir } from '../../lib/content/read-content-dir';
import { FIXTURE_CONTENT_DIR } from '../support/content';

const root = path.resolve(FIXTURE_CONTENT_DIR);

it('is the same for one folder read under two names, and changes with a byte or a name', async () => {
  const asBuilt = await readContentDir(root, FIXTURE_CONTENT_DIR);
  const asServed = await readContentDir(root, 'content');
  expect(asBuilt.decisions[0]!.path).not.toBe(asServed.decisions[0]!.path);
  expect(contentDigest(asBuilt)).toBe(contentDigest(asServed));

  const first = asServed.decisions[0]!;
  const edited = { ...asServed, decisions: [{ ...first, bytes: Uint8Array.from([...first.bytes, 0x20]) }, ...asServed.decisions.slice(1)] };
  expect(contentDigest(edited)).not.toBe(contentDigest(asServed));
  const renamed = { ...asServed, decisions: [{ ...first, path: first.path.replace(/\.md$/, '-renamed.md') }, ...asServed.decisions.slice(1)] };
  expect(contentDigest(renamed)).not.toBe(contentDigest(asServed));
  const moved = { ...asServed, decisions: asServed.decisions.slice(1), glossary: [...asServed.glossary, first] };
  expect(contentDigest(moved)).not.toBe(contentDigest(asServed));
});
