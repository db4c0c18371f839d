// SPDX-License-Identifier: Apache-2.0
// Following a numbered stream of output chunks (a serial console's, a shell's), for every face:
// subscribe to its chunks, fetch the recent history, drop the chunks the history already
// covers, and say where chunks went missing (the engine drops events for a client that cannot
// keep up, rather than grow).

export interface Chunk {
  readonly seq: number;
  /** base64 bytes. */
  readonly data: string;
}

/** Where the chunks come from: a keyed subscription and a history call of one session. */
export interface ChunkSource<C extends Chunk> {
  subscribe(listener: (chunk: C) => void): () => void;
  history(): Promise<{ data: string; seq: number }>;
}

export interface ChunkFeed<C extends Chunk> {
  /** The recent output (base64) at the moment following began. */
  history(data: string): void;
  /** New output, in order. */
  data(chunk: C): void;
  /** `missing` chunks between the last one shown and this one never arrived. */
  gap(missing: number): void;
}

export interface ChunkFollow {
  /** Settles once the history is shown; rejects when it could not be fetched. */
  readonly ready: Promise<void>;
  stop(): void;
}

export function followChunks<C extends Chunk>(
  source: ChunkSource<C>,
  feed: ChunkFeed<C>,
): ChunkFollow {
  let stopped = false;
  // Chunks that come before the history are held, then the ones it already covers dropped.
  let historySeq: number | undefined;
  const early: C[] = [];
  let lastSeq = 0;
  const show = (chunk: C): void => {
    if (lastSeq > 0 && chunk.seq > lastSeq + 1) feed.gap(chunk.seq - lastSeq - 1);
    lastSeq = chunk.seq;
    feed.data(chunk);
  };
  // The subscription is on the wire before the history call, so nothing falls between them.
  const stopData = source.subscribe((chunk) => {
    if (historySeq === undefined) early.push(chunk);
    else if (chunk.seq > historySeq) show(chunk);
  });
  const ready = source.history().then((history) => {
    if (stopped) return;
    historySeq = history.seq;
    lastSeq = history.seq;
    feed.history(history.data);
    for (const chunk of early.splice(0)) if (chunk.seq > history.seq) show(chunk);
  });
  return {
    ready,
    stop() {
      stopped = true;
      stopData();
    },
  };
}
