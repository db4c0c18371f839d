// SPDX-License-Identifier: Apache-2.0
// A pushed project's logs from a plain engine: read what was logged (`readLogs`) or follow it
// (`followLogs`), as typed lines.
export { followLogs, type FollowLogsOptions } from './follow-logs.js';
export { readLogs, type ReadLogsOptions } from './read-logs.js';
export {
  nowTimestamp,
  systemLine,
  type LogLine,
  type LogStream,
  type ServiceLogLine,
  type SystemLogLine,
} from './log-line.js';
export { DEFAULT_TAIL, type LogSelection } from './log-selection.js';
export { CUT_MARKER, MAX_LINE_CHARS } from './line-splitter.js';
