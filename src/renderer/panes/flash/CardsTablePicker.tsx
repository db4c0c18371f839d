// SPDX-License-Identifier: Apache-2.0
import { useState } from 'react';
import { parseCardsCsv, type CardRow } from '../../../shared/cards-csv.js';
import { CsvError } from '../../../shared/csv.js';

/** A cards table as loaded: the file's name and its cards. */
export interface LoadedTable {
  name: string;
  cards: CardRow[];
}

/**
 * "Load cards table…": the CSV is read here, in the page, with the reader the engine and the
 * CLI use, so a bad cell is named (line, column) before anything is sent; the file's path is
 * never needed, which is what lets this work in a browser on a remote bench too.
 */
export function CardsTablePicker(props: {
  table: LoadedTable | undefined;
  onLoaded: (table: LoadedTable | undefined) => void;
}) {
  const { table, onLoaded } = props;
  const [error, setError] = useState<string>();
  const load = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setError(undefined);
    try {
      onLoaded({ name: file.name, cards: parseCardsCsv(await file.text(), file.name) });
    } catch (e) {
      onLoaded(undefined);
      setError(
        e instanceof CsvError
          ? `${e.message}. Correct that cell (1 is column A) and load the table again.`
          : `Cannot read ${file.name}: ${(e as Error).message}`,
      );
    }
  };
  return (
    <div className="flash-table" data-testid="cards-table">
      <div className="flash-row">
        <label className="button-like">
          {table ? 'Load another table…' : 'Load cards table…'}
          <input
            type="file"
            hidden
            accept=".csv,text/csv"
            data-testid="cards-table-file"
            onChange={(event) => {
              void load(event.target.files?.[0]);
              // The same file, corrected and chosen again, is read again.
              event.target.value = '';
            }}
          />
        </label>
        {table ? (
          <>
            <span>
              {table.name}: {table.cards.length} card{table.cards.length === 1 ? '' : 's'}
            </span>
            <button type="button" onClick={() => onLoaded(undefined)}>
              Clear
            </button>
          </>
        ) : (
          <span className="muted">
            Optional: a CSV with slot and hostname columns (and ip, labels, target, config.NAME)
            names each card.
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="flash-error">
          {error}
        </p>
      )}
    </div>
  );
}
