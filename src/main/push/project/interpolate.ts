// SPDX-License-Identifier: Apache-2.0
// compose's variable interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:?error}, ${VAR?error}, ${VAR:+alternative}, ${VAR+alternative}, nested in the words.

export type Lookup = (name: string) => string | undefined;

/** Thrown for a malformed expression or a required variable that is unset; the caller adds the place. */
export class InterpolationError extends Error {
  override readonly name = 'InterpolationError';
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Interpolates one value. `unset` hears each variable that was used without a value (compose
 * warns about these and substitutes an empty string).
 */
export function interpolate(text: string, lookup: Lookup, unset?: (name: string) => void): string {
  const parser = new Parser(text, lookup, unset);
  const result = parser.word(0, false, true);
  return result.text;
}

class Parser {
  constructor(
    private readonly text: string,
    private readonly lookup: Lookup,
    private readonly unset: ((name: string) => void) | undefined,
  ) {}

  /** Reads literal text and expressions from `start` up to the end, or a closing brace when `inBraces`. */
  word(start: number, inBraces: boolean, active: boolean): { text: string; end: number } {
    let out = '';
    let i = start;
    while (i < this.text.length) {
      const char = this.text[i];
      if (inBraces && char === '}') return { text: out, end: i };
      if (char !== '$') {
        out += char;
        i += 1;
        continue;
      }
      const next = this.text[i + 1];
      if (next === '$') {
        out += '$';
        i += 2;
      } else if (next === '{') {
        const braced = this.braced(i + 2, active);
        out += braced.text;
        i = braced.end + 1;
      } else {
        const name = namePattern.exec(this.text.slice(i + 1))?.[0];
        if (name === undefined) {
          throw new InterpolationError(
            `invalid interpolation "${this.text}": a "$" must start a variable; write "$$" for a literal "$".`,
          );
        }
        out += this.value(name, active) ?? '';
        i += 1 + name.length;
      }
    }
    if (inBraces)
      throw new InterpolationError(`invalid interpolation "${this.text}": missing "}".`);
    return { text: out, end: i };
  }

  private braced(start: number, active: boolean): { text: string; end: number } {
    const name = namePattern.exec(this.text.slice(start))?.[0];
    if (name === undefined) {
      throw new InterpolationError(
        `invalid interpolation "${this.text}": expected a variable name after "\${".`,
      );
    }
    let i = start + name.length;
    if (i >= this.text.length) {
      throw new InterpolationError(`invalid interpolation "${this.text}": missing "}".`);
    }
    if (this.text[i] === '}') return { text: this.value(name, active) ?? '', end: i };
    const colon = this.text[i] === ':';
    if (colon) i += 1;
    const operator = this.text[i];
    if (operator !== '-' && operator !== '?' && operator !== '+') {
      throw new InterpolationError(
        `invalid interpolation "${this.text}": unknown operator after "\${${name}".`,
      );
    }
    const raw = this.lookup(name);
    // With a colon an empty value counts as unset, as in the shell.
    const isSet = raw !== undefined && (!colon || raw !== '');
    const useWord =
      operator === '-' ? !isSet : operator === '+' ? isSet : !isSet; /* '?' errors when unset */
    const word = this.word(i + 1, true, active && useWord);
    if (!active) return { text: '', end: word.end };
    if (operator === '?' && !isSet) {
      const why = word.text === '' ? `required variable ${name} is not set` : word.text;
      throw new InterpolationError(`${name}: ${why}`);
    }
    if (operator === '+') return { text: isSet ? word.text : '', end: word.end };
    return { text: isSet ? raw : word.text, end: word.end };
  }

  private value(name: string, active: boolean): string | undefined {
    if (!active) return undefined;
    const value = this.lookup(name);
    if (value === undefined) this.unset?.(name);
    return value;
  }
}
