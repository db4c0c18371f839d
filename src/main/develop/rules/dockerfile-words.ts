// SPDX-License-Identifier: Apache-2.0
// The words of one instruction: its --flags, its JSON or whitespace-separated arguments, and
// $VARIABLES replaced from the ARG and ENV values the rules know. A variable they cannot know
// (set by the base image) leaves the word unknown, and the rules then rebuild rather than guess.

export interface InstructionWords {
  readonly flags: Readonly<Record<string, string>>;
  readonly words: readonly string[];
  /** True when the arguments were a JSON array (exec form). */
  readonly json: boolean;
}

/** Splits `--from=build --chown=1:1 a b /dst` or `["a", "/dst"]`. */
export function splitWords(args: string): InstructionWords {
  const flags: Record<string, string> = {};
  let rest = args.trim();
  for (;;) {
    const match = /^--([A-Za-z-]+)(?:=(\S*))?\s*/.exec(rest);
    if (match === null) break;
    const name = (match[1] ?? '').toLowerCase();
    // A repeated flag (--exclude twice) keeps every value, one per line.
    flags[name] =
      flags[name] === undefined ? (match[2] ?? '') : `${flags[name]}\n${match[2] ?? ''}`;
    rest = rest.slice(match[0].length);
  }
  const json = jsonArray(rest);
  if (json !== undefined) return { flags, words: json, json: true };
  return { flags, words: rest === '' ? [] : rest.split(/\s+/).map(unquote), json: false };
}

/** A JSON array of strings, or undefined when the text is not one (then it is shell form). */
export function jsonArray(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  } catch {
    // Not JSON: Docker then takes the text as shell form too.
  }
  return undefined;
}

function unquote(word: string): string {
  return /^(["']).*\1$/s.test(word) && word.length >= 2 ? word.slice(1, -1) : word;
}

/**
 * Replaces $NAME, ${NAME}, ${NAME:-word} and ${NAME:+word}; undefined when a variable is not
 * in `values` (Docker would use the image's value, which the rules do not know).
 */
export function substitute(
  text: string,
  values: ReadonlyMap<string, string>,
  escape = '\\',
): string | undefined {
  let unknown = false;
  const escaped = escape === '\\' ? '\\\\' : escape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `${escaped}\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:[-+])([^}]*))?\\}|\\$([A-Za-z_][A-Za-z0-9_]*)`,
    'g',
  );
  const out = text.replace(
    pattern,
    (whole, braced?: string, operator?: string, word?: string, bare?: string) => {
      if (braced === undefined && bare === undefined) return '$';
      const name = braced ?? bare ?? '';
      const value = values.get(name);
      if (operator === ':-') return value !== undefined && value !== '' ? value : (word ?? '');
      if (operator === ':+') return value !== undefined && value !== '' ? (word ?? '') : '';
      if (value === undefined) {
        unknown = true;
        return whole;
      }
      return value;
    },
  );
  return unknown ? undefined : out;
}

/** `ENV A=1 B="two words"` or the old `ENV A 1`: the pairs in order. */
export function envPairs(args: string): [string, string][] {
  const trimmed = args.trim();
  const old = /^([A-Za-z_][A-Za-z0-9_.-]*)\s+(?!\S*=)(.*)$/s.exec(trimmed);
  if (old !== null && !(old[1] ?? '').includes('=')) return [[old[1] ?? '', old[2] ?? '']];
  const pairs: [string, string][] = [];
  const pattern = /([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  for (const match of trimmed.matchAll(pattern)) {
    pairs.push([match[1] ?? '', unquote((match[2] ?? '').replace(/\\(.)/g, '$1'))]);
  }
  return pairs;
}

/** RUN/CMD text as argv: exec form as given, shell form through the stage's SHELL. */
export function commandOf(args: string, shell: readonly string[]): string[] {
  return jsonArray(args.trim()) ?? [...shell, args.trim()];
}
