// SPDX-License-Identifier: Apache-2.0
// The one subscription model of every transport (WebSocket, Electron IPC, in-process). A topic
// is an event, optionally narrowed by a key (see `eventKeys`). The client side counts listeners
// per topic and puts a topic on the wire once, when its first listener comes, and takes it off
// when its last one goes; the engine side keeps each client's topics and sends only what matches.
import { eventKeys, isEventName } from './contract/index.js';

export interface Topic {
  readonly event: string;
  readonly key?: string | undefined;
}

type Listener = (payload: unknown) => void;

/** What an event is about, by the field the contract names for it; undefined if it has none. */
export function keyOf(event: string, payload: unknown): string | undefined {
  if (!isEventName(event)) return undefined;
  const field = eventKeys[event];
  if (field === undefined || typeof payload !== 'object' || payload === null) return undefined;
  const value = (payload as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/** A topic as one string; a key cannot hold the separator's meaning since events hold no NUL. */
const topicId = (topic: Topic): string =>
  topic.key === undefined ? topic.event : `${topic.event}\u0000${topic.key}`;

/** The wire a client's subscriptions travel over: what to send when a topic starts or ends. */
export interface SubscriptionWire {
  subscribe(topic: Topic): void;
  unsubscribe(topic: Topic): void;
}

/** The client side: listeners counted per topic, events handed to the listeners they match. */
export class ClientSubscriptions {
  private readonly topics = new Map<string, { topic: Topic; listeners: Set<Listener> }>();

  constructor(private readonly wire: SubscriptionWire) {}

  /** Adds a listener; returns its removal, which is safe to call twice. */
  add(topic: Topic, listener: Listener): () => void {
    const id = topicId(topic);
    let entry = this.topics.get(id);
    if (!entry) {
      entry = { topic: { event: topic.event, key: topic.key }, listeners: new Set() };
      this.topics.set(id, entry);
      this.wire.subscribe(entry.topic);
    }
    // One wrapper per add, so the same function added twice is removed once per removal.
    const own: Listener = (payload) => listener(payload);
    const current = entry;
    current.listeners.add(own);
    return () => {
      if (!current.listeners.delete(own) || current.listeners.size > 0) return;
      this.topics.delete(id);
      this.wire.unsubscribe(current.topic);
    };
  }

  /** An event arrived: every listener of the event without a key, and of its own key. */
  deliver(event: string, payload: unknown): void {
    const matching = [this.topics.get(event)];
    const key = keyOf(event, payload);
    if (key !== undefined) matching.push(this.topics.get(topicId({ event, key })));
    for (const entry of matching) {
      for (const listener of [...(entry?.listeners ?? [])]) listener(payload);
    }
  }

  /** Every topic with listeners, to send again after a reconnect. */
  active(): Topic[] {
    return [...this.topics.values()].map((entry) => entry.topic);
  }
}

/** One client could otherwise grow the engine's memory one key at a time. */
export const MAX_TOPICS_PER_CLIENT = 4096;

/** The engine side, one per client: the topics it asked for, and whether an event matches. */
export class ClientTopics {
  private readonly unkeyed = new Set<string>();
  private readonly keyed = new Set<string>();

  /** Ignores unknown events and topics past the limit; returns whether the topic was taken. */
  add(topic: Topic): boolean {
    if (!isEventName(topic.event)) return false;
    if (this.unkeyed.size + this.keyed.size >= MAX_TOPICS_PER_CLIENT) return false;
    if (topic.key === undefined) this.unkeyed.add(topic.event);
    else this.keyed.add(topicId(topic));
    return true;
  }

  delete(topic: Topic): void {
    if (topic.key === undefined) this.unkeyed.delete(topic.event);
    else this.keyed.delete(topicId(topic));
  }

  wants(event: string, payload: unknown): boolean {
    if (this.unkeyed.has(event)) return true;
    if (this.keyed.size === 0) return false;
    const key = keyOf(event, payload);
    return key !== undefined && this.keyed.has(topicId({ event, key }));
  }
}
