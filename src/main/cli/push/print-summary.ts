// SPDX-License-Identifier: Apache-2.0
// What is about to be pushed, printed before anything is sent: warnings are shown, never asked.
import type { ProjectSummary } from '../../../shared/contract/push.js';
import { formatBytes } from '../../../shared/format.js';

export function printSummary(summary: ProjectSummary): void {
  const out = (text: string): boolean => process.stderr.write(`${text}\n`);
  const files =
    summary.composeFiles.length > 0 ? summary.composeFiles.join(' + ') : 'no compose file';
  out(`Project ${summary.name} (${summary.root}, ${files})`);
  out(`Target: ${summary.target.arch}, device type ${summary.target.deviceType}`);
  for (const service of summary.services) {
    const build = service.build;
    const how =
      build === undefined
        ? `image ${service.image}`
        : `${build.context}/${build.dockerfile}${build.fromTemplate ? ' (template)' : ''}, context ${formatBytes(build.contextBytes)} in ${build.contextFiles} files`;
    const ports = service.ports.length > 0 ? `, ports ${service.ports.join(' ')}` : '';
    out(`  ${service.name}: ${how}${ports}`);
  }
  const values = summary.services.find((service) => service.build?.fromTemplate)?.build
    ?.templateValues;
  if (values !== undefined) {
    const shown = Object.entries(values)
      .filter(([name]) => name !== 'BALENA_SERVICE_NAME')
      .map(([name, value]) => `${name}=${value}`);
    out(`Template values: ${shown.join(' ')}`);
  }
  out(`Context: ${formatBytes(summary.contextBytes)} in all`);
  for (const note of summary.notes)
    out(`${note.level === 'warning' ? 'Warning' : 'Note'}: ${note.message}`);
}
