// SPDX-License-Identifier: Apache-2.0
import type { ProjectServiceSummary, ProjectSummary } from '../../../shared/contract/index.js';
import { formatBytes } from '../../../shared/format.js';
import { splitTemplateValues } from './template-values.js';

function BuildCell({ service }: { service: ProjectServiceSummary }) {
  const build = service.build;
  if (!build) return <span className="muted">image {service.image}, not built</span>;
  const where = build.context === '.' ? '' : `${build.context}/`;
  return (
    <>
      <span className="mono">
        {where}
        {build.dockerfile}
      </span>{' '}
      {build.fromTemplate && <span className="push-badge">template</span>}
      {build.target && <span className="muted"> target {build.target}</span>}
      <details>
        <summary>Dockerfile as sent</summary>
        <pre className="push-dockerfile">{build.dockerfileText}</pre>
      </details>
    </>
  );
}

function TemplateValues({ entries }: { entries: [string, string][] }) {
  if (entries.length === 0) return <span className="muted">-</span>;
  return (
    <ul className="push-values">
      {entries.map(([key, value]) => (
        <li key={key} className="mono" data-testid="template-value">
          {key}={value}
        </li>
      ))}
    </ul>
  );
}

/** What push.inspect found in the folder: read this before pushing. */
export function ProjectSummaryView({ summary }: { summary: ProjectSummary }) {
  const files = summary.composeFiles;
  const values = splitTemplateValues(summary.services);
  return (
    <section className="push-summary" aria-label="Project summary" data-project={summary.name}>
      <p>
        <strong>{summary.name}</strong> <span className="mono muted">{summary.root}</span>
        <br />
        {files.length > 0
          ? `From ${files.join(' + ')}`
          : 'No compose file: one service "main" built from the folder, with balena’s defaults'}
        {' · '}
        built for {summary.target.deviceType} ({summary.target.arch}) ·{' '}
        <span data-testid="context-size">{formatBytes(summary.contextBytes)}</span> of build context
      </p>
      {values.common.length > 0 && (
        <div className="push-common-values">
          <span>Template values of every service:</span> <TemplateValues entries={values.common} />
        </div>
      )}
      {summary.notes.length > 0 && (
        <ul className="push-notes" aria-label="Notes">
          {summary.notes.map((note, index) => (
            <li key={index} className={`push-note ${note.level}`}>
              <strong>{note.level === 'warning' ? 'Warning' : 'Note'}:</strong> {note.message}
            </li>
          ))}
        </ul>
      )}
      <table className="list" aria-label="Services">
        <thead>
          <tr>
            <th>Service</th>
            <th>Dockerfile</th>
            <th>{values.common.length > 0 ? 'Own template values' : 'Template values'}</th>
            <th>Context</th>
            <th>Ports</th>
            <th>Depends on</th>
          </tr>
        </thead>
        <tbody>
          {summary.services.map((service) => (
            <tr key={service.name} data-testid="service-row" data-service={service.name}>
              <td>
                <strong>{service.name}</strong>
                {service.networkMode && <div className="muted">network {service.networkMode}</div>}
              </td>
              <td>
                <BuildCell service={service} />
              </td>
              <td>
                <TemplateValues entries={values.own.get(service.name) ?? []} />
              </td>
              <td>
                {service.build
                  ? `${formatBytes(service.build.contextBytes)}, ${service.build.contextFiles} file${service.build.contextFiles === 1 ? '' : 's'}`
                  : '-'}
              </td>
              <td className="mono">{service.ports.join(', ') || '-'}</td>
              <td>{service.dependsOn.join(', ') || '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
