// SPDX-License-Identifier: Apache-2.0
// How a person names a board: "#12" (its id), its uuid or the first 7+ characters of it
// (balenaOS's default hostname is the first 7), or its hostname with or without ".local".

/** A hostname compared the way mDNS does: case-insensitive, without the .local domain. */
export const bareHostname = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/\.local\.?$/, '');

/**
 * The name a record goes by in commands (`abc1234`, not `abc1234.local`: what people type, and
 * what ports are tied to): its bare hostname, else its short uuid.
 */
export const recordName = (board: {
  uuid: string | null;
  hostname: string | null;
}): string | undefined =>
  (board.hostname === null ? undefined : bareHostname(board.hostname)) ?? board.uuid?.slice(0, 7);

export interface NamedBoard {
  id: number;
  uuid: string | null;
  hostname: string | null;
}

/** Every board the name could mean; more than one is for the caller to report. */
export function boardsNamed<B extends NamedBoard>(boards: readonly B[], name: string): B[] {
  const text = name.trim();
  const id = /^#(\d+)$/.exec(text)?.[1];
  if (id !== undefined) return boards.filter((b) => b.id === Number(id));
  const lower = text.toLowerCase();
  const byUuid = boards.filter((b) => b.uuid !== null && b.uuid.toLowerCase() === lower);
  if (byUuid.length > 0) return byUuid;
  const host = bareHostname(text);
  const byHost = boards.filter((b) => b.hostname !== null && bareHostname(b.hostname) === host);
  if (byHost.length > 0) return byHost;
  if (lower.length >= 7 && /^[0-9a-f]+$/.test(lower))
    return boards.filter((b) => b.uuid !== null && b.uuid.toLowerCase().startsWith(lower));
  return [];
}
