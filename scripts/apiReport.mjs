// The public API of both packages, from the built type declarations (`npm run build`):
// - API reports (etc/*.api.md, API Extractor): every exported name and signature, checked
//   into git, so a change to the public API shows up as a reviewed diff;
// - the API reference (docs/api/*.md, API Documenter), made from the TSDoc comments.
//
//   npm run api         (node scripts/apiReport.mjs)          update etc/*.api.md and docs/api (after a deliberate API change)
//   npm run api:check   (node scripts/apiReport.mjs --check)  CI: exit 1 when a report or the reference is out of date
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const check = process.argv.includes('--check');
const MODEL = '.cache/api-extractor/model';
const DOCS = 'docs/api';
// One API Extractor config per entry point; the doc model of each gets the name users import.
const ENTRIES = [
  { config: 'etc/api-extractor/player.json', model: 'offshoot.api.json', name: 'offshoot' },
  { config: 'etc/api-extractor/core.json', model: 'offshoot-core.api.json', name: 'offshoot-core' },
  { config: 'etc/api-extractor/server.json', model: 'offshoot-server.api.json', name: '@offshoot/server' },
];

rmSync(MODEL, { recursive: true, force: true });
mkdirSync(MODEL, { recursive: true });
const problems = [];
for (const entry of ENTRIES) {
  const result = Extractor.invoke(ExtractorConfig.loadFileAndPrepare(entry.config), {
    localBuild: !check,
    showVerboseMessages: false,
  });
  if (result.apiReportChanged && check)
    problems.push(`${entry.name}: the API changed; run \`npm run api\` and commit etc/ and docs/api`);
  if (result.errorCount > 0) problems.push(`${entry.name}: ${result.errorCount} API Extractor error(s), see above`);
  renameModel(join(MODEL, entry.model), entry.name);
}

// API Documenter writes one Markdown page per package and exported item.
const out = check ? '.cache/api-extractor/docs' : DOCS;
rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  ['node_modules/@microsoft/api-documenter/bin/api-documenter', 'markdown', '-i', MODEL, '-o', out],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (check) {
  const stale = differences(out, DOCS);
  if (stale.length > 0)
    problems.push(
      `docs/api is out of date (${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}); run \`npm run api\``,
    );
}

if (problems.length > 0) {
  for (const p of problems) console.error(`api: ${p}`);
  process.exit(1);
}
console.log(check ? 'api: reports and reference are up to date' : `api: etc/*.api.md and ${DOCS} written`);

/**
 * Every doc model is read from the root package.json as "offshoot": give each the name it is
 * imported by. And fence the code of each `@example` (this codebase writes examples as plain
 * lines, which API Documenter would run together into one paragraph).
 */
function renameModel(file, name) {
  const text = readFileSync(file, 'utf8').replaceAll('"offshoot!', `"${name}!`);
  const model = JSON.parse(text, (key, value) => (key === 'docComment' ? fenceExamples(value) : value));
  model.name = name;
  writeFileSync(file, JSON.stringify(model, null, 2));
}

/** A doc comment with the lines of each `@example` block inside a ```ts fence (unless already fenced). */
function fenceExamples(comment) {
  const lines = comment.split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    if (!/^\s*\*\s*@example\s*$/.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !/^\s*\*\s*@\w+/.test(lines[end]) && !/^\s*\*\//.test(lines[end])) end++;
    const body = lines.slice(i + 1, end);
    while (body.length > 0 && /^\s*\*\s*$/.test(body.at(-1))) body.pop();
    if (body.length === 0 || /^\s*\*\s*```/.test(body[0])) continue;
    out.push(' * ```ts', ...body, ' * ```', ' *');
    i = end - 1;
  }
  return out.join('\n');
}

/** Files that differ between two folders, or exist in only one. */
function differences(a, b) {
  const list = (dir) => {
    try {
      return readdirSync(dir).sort();
    } catch {
      return [];
    }
  };
  const names = new Set([...list(a), ...list(b)]);
  const read = (dir, name) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return null;
    }
  };
  return [...names].filter((n) => read(a, n) !== read(b, n));
}
