// SPDX-License-Identifier: Apache-2.0
// Lines from several services interleaved, each behind its name: coloured on a terminal (one
// colour per name, the same every time), plain when piped, JSON lines for scripts.
import { styleText } from 'node:util';

type Colour = Parameters<typeof styleText>[0];
const palette: Colour[] = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'redBright', 'cyanBright'];

function colourOf(name: string): Colour {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length] ?? 'cyan';
}

export class PrefixPrinter {
  private width = 0;

  constructor(
    private readonly colour = process.stdout.isTTY && process.env.NO_COLOR === undefined,
  ) {}

  /** One line behind `[name]`; `system` lines are marked, in red on a terminal. */
  line(name: string, text: string, options: { system?: boolean; stderr?: boolean } = {}): void {
    this.width = Math.max(this.width, name.length);
    const label = `[${name}]`.padEnd(this.width + 2);
    const mark = options.system === true ? '(system) ' : '';
    const head = this.colour ? styleText(colourOf(name), label) : label;
    const body =
      this.colour && options.system === true ? styleText('red', mark + text) : mark + text;
    process.stdout.write(`${head} ${body}\n`);
  }
}
