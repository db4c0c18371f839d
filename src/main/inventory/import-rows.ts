// SPDX-License-Identifier: Apache-2.0
// One board as read from an import (a CSV row or a JSON entry), with where it was read.
import type { HistoryEvent } from '../../shared/contract/index.js';
import type { BoardFields } from './inventory-store.js';
import type { FlashInput, PushInput } from './records.js';

export interface ImportRow {
  /** "line 4" or "boards[3]": said in every message about this row. */
  where: string;
  /** Where its uuid and hostname were read, for messages about them ("line 4, column 2"). */
  uuidAt: string;
  hostnameAt: string;
  fields: BoardFields;
  createdAt?: string;
  flashes?: FlashInput[];
  pushes?: Omit<PushInput, 'boardId'>[];
  history?: Omit<HistoryEvent, 'id'>[];
}
