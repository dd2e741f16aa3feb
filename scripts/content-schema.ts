/**
 * npm run content:schema [-- --check] [-- --out DIR]
 * Writes the JSON Schemas of the content files (generated from lib/content/schemas.ts) to
 * schemas/*.json, for editors to autocomplete and check frontmatter as it is typed.
 * With --check, writes nothing and exits 1 if a file is missing or out of date.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { allContentJsonSchemas, jsonSchemaFileText } from '../lib/content/json-schema';

const args = process.argv.slice(2);
const check = args.includes('--check');
const outFlag = args.indexOf('--out');
const outDir = outFlag >= 0 && args[outFlag + 1] ? path.resolve(args[outFlag + 1]!) : path.join(process.cwd(), 'schemas');
const display = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/') || file;

const stale: string[] = [];
if (!check) await mkdir(outDir, { recursive: true });
for (const { file, appliesTo, schema } of allContentJsonSchemas()) {
  const target = path.join(outDir, file);
  const text = jsonSchemaFileText(schema);
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (check) {
    if (current !== text) stale.push(display(target));
    continue;
  }
  if (current === text) {
    process.stdout.write(`${display(target)} is up to date (${appliesTo})\n`);
  } else {
    await writeFile(target, text, 'utf8');
    process.stdout.write(`Wrote ${display(target)} (${appliesTo})\n`);
  }
}

if (check) {
  if (stale.length > 0) {
    process.stderr.write(`These schema files are out of date: ${stale.join(', ')}. Run npm run content:schema and commit the result.\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('The schema files are up to date.\n');
  }
}
