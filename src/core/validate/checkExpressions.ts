import type { ExpressionCheck, ExpressionContext, ExpressionProblem } from '../expression/checkExpression.js';
import { clip } from './clip.js';
import { checkExpression, typeOfValue } from '../expression/checkExpression.js';
import { compileExpression } from '../expression/compileExpression.js';
import { ExpressionError } from '../expression/ExpressionError.js';
import { didYouMean } from './didYouMean.js';
import type { IssueList } from './IssueList.js';
import { describe, pointer } from './pointer.js';
import { declaredState, entriesOf, fieldAt, isRecord, itemsOf, segmentsOf, stringAt } from './storyView.js';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Compile every expression (`if` of routes and options, `set` values) and check it against
 * the declared state: syntax (`bad-expression`), undeclared names (`unknown-variable`),
 * `visits.x` of missing segments (`unknown-segment`) and types (`type-mismatch`). Also the
 * `{var}` placeholders and `uses` of generate specs.
 */
export function checkExpressions(story: unknown, issues: IssueList): void {
  const state = declaredState(story);
  const context: ExpressionContext = {
    state,
    segments: new Set(Object.keys(isRecord(fieldAt(story, 'segments')) ? (fieldAt(story, 'segments') as object) : {})),
  };
  const names = Object.keys(state);
  const declaredNames = new Set(entriesOf(fieldAt(story, 'state')).map(([name]) => name));
  const segmentIds = [...(context.segments ?? [])];
  // Stories repeat conditions: compile and check each distinct source once per validation.
  const memo = new Map<string, ExpressionCheck | ExpressionError>();
  const run = (source: unknown, at: () => string, label: (path: string) => string): ExpressionCheck | undefined => {
    if (typeof source !== 'string' || source === '') return undefined;
    let result = memo.get(source);
    if (!result) {
      try {
        result = checkExpression(compileExpression(source), context);
      } catch (error) {
        result = error instanceof ExpressionError ? error : new ExpressionError(String(error), 0);
      }
      memo.set(source, result);
    }
    if (result instanceof ExpressionError) {
      const path = at();
      issues.add(
        'bad-expression',
        path,
        `${label(path)}: ${result.message} (character ${result.position + 1} of "${clip(source)}"); fix the expression`,
        { offset: result.position },
      );
      return undefined;
    }
    if (result.problems.length > 0) {
      const path = at();
      const what = label(path);
      for (const problem of result.problems) {
        // A variable declared with a bad initial value already has its `schema` error.
        if (problem.kind === 'unknown-variable' && declaredNames.has(problem.name ?? '')) continue;
        const hint = issues.listed(problem.kind) ? hintFor(problem, names, segmentIds) : '';
        issues.add(
          problem.kind,
          path,
          `${what}: ${problem.message} (character ${problem.position + 1} of "${clip(source)}")${hint}`,
          { offset: problem.position },
        );
      }
    }
    return result;
  };
  for (const [id, segment] of segmentsOf(story)) {
    itemsOf(fieldAt(segment, 'next')).forEach((route, i) => {
      run(
        fieldAt(route, 'if'),
        () => pointer('segments', id, 'next', i, 'if'),
        () => `\`if\` of route ${i + 1} of segment ${id}`,
      );
    });
    itemsOf(fieldAt(fieldAt(segment, 'choice'), 'options')).forEach((option, i) => {
      const base = (): string => pointer('segments', id, 'choice', 'options', i);
      const optionName = `option ${i + 1} of segment ${id}`;
      run(
        fieldAt(option, 'if'),
        () => `${base()}/if`,
        () => `\`if\` of ${optionName}`,
      );
      for (const [name, source] of entriesOf(fieldAt(option, 'set'))) {
        const at = (): string => pointer('segments', id, 'choice', 'options', i, 'set', name);
        if (!declaredNames.has(name)) {
          const guess = issues.listed('unknown-variable') ? didYouMean(name, names) : undefined;
          issues.add(
            'unknown-variable',
            at(),
            `${optionName} sets \`${name}\`, which is not declared in \`state\`; ${guess ? `did you mean \`${guess}\`?` : `add it to \`state\` with its initial value`}`,
          );
        }
        const result = run(source, at, () => `\`set.${name}\` of ${optionName}`);
        const declared = Object.hasOwn(state, name) ? typeOfValue(state[name]!) : 'unknown';
        if (result && result.type !== 'unknown' && declared !== 'unknown' && result.type !== declared) {
          issues.add(
            'type-mismatch',
            at(),
            `${optionName} sets \`${name}\` (a ${declared}) to a ${result.type}: variables keep the type of their initial value; change the expression or the initial value`,
          );
        }
      }
    });
    checkGenerate(id, fieldAt(segment, 'generate'), declaredNames, issues);
  }
}

function checkGenerate(id: string, generate: unknown, declared: ReadonlySet<string>, issues: IssueList): void {
  if (!isRecord(generate)) return;
  const base = pointer('segments', id, 'generate');
  const placeholders = (text: string | undefined, path: string): void => {
    for (const match of (text ?? '').matchAll(PLACEHOLDER)) {
      const name = (match[1] ?? '').trim();
      if (!declared.has(name)) {
        issues.add(
          'unknown-variable',
          path,
          `placeholder \`{${name}}\` in ${describe(base)} names no declared state variable; declare \`${name}\` in \`state\` or fix the name`,
          { offset: match.index },
        );
      }
    }
  };
  placeholders(stringAt(generate, 'prompt'), `${base}/prompt`);
  itemsOf(generate.characters).forEach((character, i) => {
    placeholders(stringAt(character, 'kind'), `${base}/characters/${i}/kind`);
    placeholders(stringAt(character, 'color'), `${base}/characters/${i}/color`);
  });
  itemsOf(generate.uses).forEach((name, i) => {
    if (typeof name === 'string' && !declared.has(name)) {
      issues.add(
        'unknown-variable',
        `${base}/uses/${i}`,
        `\`uses\` in ${describe(base)} lists \`${name}\`, which is not declared in \`state\`; declare it or remove it from \`uses\``,
      );
    }
  });
}

function hintFor(problem: ExpressionProblem, names: string[], segmentIds: string[]): string {
  const name = problem.name ?? '';
  if (problem.kind === 'unknown-variable') {
    const guess = didYouMean(name, names);
    return guess ? `; did you mean \`${guess}\`?` : '; declare it in `state` with its initial value';
  }
  if (problem.kind !== 'unknown-segment') return '';
  // `visits.forest-path` reads as `visits.forest - path`: ids with `-` need the bracket form.
  const dashed = segmentIds.find((id) => id.startsWith(`${name}-`));
  if (dashed) return `; for segment \`${dashed}\` write visits['${dashed}']`;
  const guess = didYouMean(name, segmentIds);
  return guess ? `; did you mean \`${guess}\`?` : '';
}
