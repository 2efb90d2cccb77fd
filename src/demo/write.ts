/** Streams a generated dataset to conversations.jsonl, verdicts.csv and labels.csv in bounded memory. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MisfireError } from '../errors.js';
import {
  CONVERSATIONS_FILE,
  LABELS_FILE,
  LABELS_HEADER,
  VERDICTS_FILE,
  VERDICTS_HEADER,
  conversationJsonLine,
  labelLine,
  verdictLines,
} from './format.js';
import { iterateConversations, type GenerateOptions } from './generate.js';
import { validateSizeAndSeed } from './plan.js';

/** Conversations serialised per write; bounds memory to a few MB whatever n is. */
const CHUNK_SIZE = 2000;

export interface GenerateDatasetOptions extends GenerateOptions {
  outDir: string;
  /** Called after every chunk with the number of conversations written so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface DatasetSummary {
  n: number;
  seed: number;
  /** Distinct users with at least one conversation. */
  users: number;
  /** Conversations per ground-truth topic. */
  topicCounts: Record<string, number>;
  /** Conversations with label 1. */
  positives: number;
  files: { conversations: string; verdicts: string; labels: string };
}

interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

function openSink(path: string): Sink {
  const stream: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let failure: Error | null = null;
  stream.on('error', (err) => {
    failure = err;
  });
  const fail = (err: Error): MisfireError =>
    new MisfireError('config', `cannot write demo dataset file: ${err.message}`, { file: path }, { cause: err });
  return {
    write: (text) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(fail(failure));
        if (stream.write(text)) return resolve();
        const onDrain = (): void => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (err: Error): void => {
          stream.off('drain', onDrain);
          reject(fail(err));
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      }),
    close: () =>
      new Promise((resolve, reject) => {
        if (failure) return reject(fail(failure));
        stream.once('error', (err) => reject(fail(err)));
        stream.end(() => resolve());
      }),
  };
}

/**
 * Generates `n` conversations for `seed` and streams them to `outDir` (created if needed). Same n and
 * seed → byte-identical files. Holds at most one chunk of serialised rows in memory.
 * @example
 * await generateDataset({ n: 3000, seed: 7, outDir: 'datasets/demo' });
 */
export async function generateDataset(options: GenerateDatasetOptions): Promise<DatasetSummary> {
  const { n, seed, outDir, onProgress } = options;
  validateSizeAndSeed(n, seed);
  await mkdir(outDir, { recursive: true }).catch((err: Error) => {
    throw new MisfireError('config', `cannot create output folder: ${err.message}`, { file: outDir }, { cause: err });
  });
  const files = {
    conversations: join(outDir, CONVERSATIONS_FILE),
    verdicts: join(outDir, VERDICTS_FILE),
    labels: join(outDir, LABELS_FILE),
  };
  const conversationsSink = openSink(files.conversations);
  const verdictsSink = openSink(files.verdicts);
  const labelsSink = openSink(files.labels);
  const sinks = [conversationsSink, verdictsSink, labelsSink];

  const topicCounts: Record<string, number> = {};
  const seenUsers = new Set<string>();
  let positives = 0;
  let done = 0;
  let jsonl = '';
  let verdicts = VERDICTS_HEADER;
  let labels = LABELS_HEADER;
  const flush = async (): Promise<void> => {
    await Promise.all([conversationsSink.write(jsonl), verdictsSink.write(verdicts), labelsSink.write(labels)]);
    jsonl = verdicts = labels = '';
    onProgress?.(done, n);
  };

  try {
    for (const c of iterateConversations({ n, seed })) {
      jsonl += conversationJsonLine(c);
      verdicts += verdictLines(c);
      labels += labelLine(c);
      topicCounts[c.topic] = (topicCounts[c.topic] ?? 0) + 1;
      seenUsers.add(c.userId);
      positives += c.label;
      done++;
      if (done % CHUNK_SIZE === 0) await flush();
    }
    if (done % CHUNK_SIZE !== 0) await flush();
  } catch (err) {
    await Promise.allSettled(sinks.map((s) => s.close()));
    throw err;
  }
  await Promise.all(sinks.map((s) => s.close()));
  return { n, seed, users: seenUsers.size, topicCounts, positives, files };
}
