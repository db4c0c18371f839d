// SPDX-License-Identifier: Apache-2.0
// A hint or message that tells people to pass a flag must name one the CLI has: "pass the
// explicit override" once pointed at nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/main/cli/index.js';
import { errorHints } from '../../../src/shared/errors.js';
import { hints } from '../../../src/shared/error-hints.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const FLAG = /(?<![\w-])--[a-z][a-z0-9-]*/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The literal text of every string and template inside a node. */
function literalText(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.flatMap((span) => [span.literal.text])].concat(
      node.templateSpans.flatMap((span) => literalText(span.expression)),
    );
  return node.getChildren().flatMap(literalText);
}

/** Text people read as an error: BenchtopError messages and `message:` fields. */
function messagesIn(path: string): string[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'BenchtopError'
    )
      found.push(...(node.arguments ?? []).slice(1).flatMap(literalText));
    else if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'message'
    )
      found.push(...literalText(node.initializer));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function cliFlags(command: Command): string[] {
  return [
    ...command.options.flatMap((option) => (option.long ? [option.long] : [])),
    ...command.commands.flatMap(cliFlags),
  ];
}

const flagsIn = (texts: string[]): string[] => texts.flatMap((text) => text.match(FLAG) ?? []);

describe('flags named in hints and messages', () => {
  const known = new Set([...cliFlags(buildProgram()), '--help', '--version']);

  it('finds the flags people are told about (the scan itself works)', () => {
    const flash = messagesIn(join(root, 'src/main/flash/write/flash-job.ts'));
    expect(flagsIn(flash)).toContain('--yes');
    expect(known).toContain('--wifi-psk-file');
  });

  it('every --flag in an error hint is a real CLI option', () => {
    const cli = [...Object.values(errorHints), ...Object.values(hints)].map((hint) => hint.cli);
    const unknown = flagsIn(cli).filter((flag) => !known.has(flag));
    expect(unknown).toEqual([]);
    expect(cli.join(' ')).not.toMatch(/explicit override/);
  });

  it('every --flag in an error message under src/ is a real CLI option', () => {
    const unknown = sourceFiles(join(root, 'src'))
      .flatMap((path) =>
        flagsIn(messagesIn(path)).map((flag) => `${flag} (${path.slice(root.length)})`),
      )
      .filter((entry) => !known.has(entry.split(' ')[0] ?? ''));
    expect(unknown).toEqual([]);
  });
});
