// SPDX-License-Identifier: Apache-2.0
// balena's Dockerfile templates: %%NAME%% replaced line by line, except on comment lines.
import { BenchtopError } from '../../../shared/errors.js';
import type { BuildTarget } from '../composition.js';

/** What balena fills in for a local push: no cloud app and no release exist. */
export const localAppName = 'localapp';
export const localReleaseHash = '10ca12e1ea5e';

/** The values a template may use, for one service on one target. */
export function templateValues(target: BuildTarget, serviceName: string): Record<string, string> {
  return {
    BALENA_MACHINE_NAME: target.deviceType,
    BALENA_ARCH: target.arch,
    BALENA_SERVICE_NAME: serviceName,
    BALENA_APP_NAME: localAppName,
    BALENA_RELEASE_HASH: localReleaseHash,
    // The names from before the rename, which older templates (and the CERN example) use.
    RESIN_MACHINE_NAME: target.deviceType,
    RESIN_ARCH: target.arch,
  };
}

const variablePattern = /%%([A-Z][A-Z_]+)%%/g;

/**
 * Expands a template; `file` names it in errors. Only a `#` in the first column makes a comment,
 * as in balena, so an indented `# %%X%%` is expanded.
 */
export function expandTemplate(
  text: string,
  values: Readonly<Record<string, string>>,
  file: string,
): string {
  return text
    .split('\n')
    .map((line, index) =>
      line.startsWith('#')
        ? line
        : line.replace(variablePattern, (_match, name: string) => {
            const value = values[name];
            if (value === undefined) {
              const known = Object.keys(values)
                .map((key) => `%%${key}%%`)
                .join(', ');
              throw new BenchtopError(
                'INVALID_CONFIG',
                `${file}:${index + 1}: unknown template variable %%${name}%%. Known: ${known}.`,
              );
            }
            return value;
          }),
    )
    .join('\n');
}
