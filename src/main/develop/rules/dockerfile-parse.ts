// SPDX-License-Identifier: Apache-2.0
// A Dockerfile as a list of instructions, with livepush's comment directives (#dev-copy=,
// #dev-run=, #dev-cmd-live=, #dev-env=) kept in their place: their order against COPY and RUN
// is what gives them meaning.

export type DirectiveKeyword = 'DEV-COPY' | 'DEV-RUN' | 'DEV-CMD-LIVE' | 'DEV-ENV';

export interface Instruction {
  /** Upper-cased keyword (FROM, COPY, RUN...) or a livepush directive. */
  readonly keyword: string;
  /** Everything after the keyword, continuation lines joined, heredoc bodies left out. */
  readonly args: string;
  /** 1-based line of the keyword. */
  readonly line: number;
  /** 1-based last line it spans (continuations and heredoc bodies included). */
  readonly lastLine: number;
  /** Set when the instruction carries a heredoc (`RUN <<EOF`): its body is not in `args`. */
  readonly heredoc: boolean;
}

const directives: Record<string, DirectiveKeyword> = {
  'dev-copy': 'DEV-COPY',
  'dev-run': 'DEV-RUN',
  'dev-cmd-live': 'DEV-CMD-LIVE',
  'dev-env': 'DEV-ENV',
};

export function parseDockerfile(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escape = escapeCharacter(lines);
  const out: Instruction[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const start = index;
    index += 1;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('#')) {
      const directive = directiveOf(trimmed);
      if (directive !== undefined) {
        out.push({ ...directive, line: start + 1, lastLine: start + 1, heredoc: false });
      }
      continue;
    }
    let joined = trimmed;
    // A line ending in the escape character continues; comment lines inside are dropped, as Docker does.
    while (endsWithEscape(joined, escape) && index < lines.length) {
      joined = joined.replace(/\s*$/, '').slice(0, -1).trimEnd();
      const next = lines[index] ?? '';
      index += 1;
      if (next.trim().startsWith('#')) {
        joined += escape;
        continue;
      }
      joined += ` ${next.trim()}`;
    }
    const match = /^(\S+)\s*(.*)$/s.exec(joined);
    if (match === null) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    const args = (match[2] ?? '').trim();
    const delimiters = heredocDelimiters(keyword, args);
    for (const delimiter of delimiters) {
      while (index < lines.length && (lines[index] ?? '').replace(/^\t+/, '') !== delimiter) {
        index += 1;
      }
      index += 1;
    }
    out.push({
      keyword,
      args,
      line: start + 1,
      lastLine: Math.min(index, lines.length),
      heredoc: delimiters.length > 0,
    });
  }
  return out;
}

function directiveOf(
  comment: string,
): Omit<Instruction, 'line' | 'lastLine' | 'heredoc'> | undefined {
  const match = /^#+\s*([^=\s]+)=(.+)$/.exec(comment);
  if (match === null) return undefined;
  const keyword = directives[(match[1] ?? '').toLowerCase()];
  return keyword === undefined ? undefined : { keyword, args: (match[2] ?? '').trim() };
}

/** The `# escape=` parser directive, valid only before the first instruction. */
function escapeCharacter(lines: readonly string[]): string {
  for (const line of lines) {
    const match = /^#\s*escape\s*=\s*(\S)\s*$/i.exec(line.trim());
    if (match !== null) return match[1] ?? '\\';
    if (!/^#\s*\w+\s*=/.test(line.trim())) break;
  }
  return '\\';
}

function endsWithEscape(text: string, escape: string): boolean {
  return text.replace(/\s*$/, '').endsWith(escape);
}

/** Heredoc words of RUN, COPY and ADD (`<<EOF`, `<<-"EOF"`), in order. */
function heredocDelimiters(keyword: string, args: string): string[] {
  if (keyword !== 'RUN' && keyword !== 'COPY' && keyword !== 'ADD') return [];
  return [...args.matchAll(/<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)].map((m) => m[2] ?? '');
}
