/**
 * sample.csv, written by `misfire sample` and read back by `misfire run --sample`: one row per conversation
 * drawn for labelling, `conversation_id,stratum,inclusion_probability`, in the run's conversation order. The
 * reader checks every row (an id once, a probability in (0, 1], one probability per stratum, strata whose
 * rows stand for a whole number of conversations) and names the file, line and field of a problem.
 */
import { existsSync } from 'node:fs';
import { inputError } from '../errors.js';
import { newDigest, type FileDigest } from '../io/file-digest.js';
import { displayName } from '../io/input-bytes.js';
import { parseDecimal, parseId, truncate } from '../io/input-values.js';
import { readTableBatches } from '../io/table-batches.js';
import { csvLine } from './canonical-json.js';

/** The header line misfire writes; a file that starts otherwise was not written by `misfire sample`. */
export const SAMPLE_COLUMNS = ['conversation_id', 'stratum', 'inclusion_probability'] as const;

export interface SampleRow {
  conversationId: string;
  stratum: string;
  inclusionProbability: number;
}

export interface SampleStratum {
  name: string;
  /** Rows of the stratum in the file (n_h). */
  drawn: number;
  /** Conversations the stratum holds, N_h = n_h / inclusion probability. */
  population: number;
  /** The stratum's first line. */
  line: number;
}

export interface SampleRead {
  rows: (SampleRow & { line: number })[];
  strata: SampleStratum[];
  digest: FileDigest;
}

const SPEC = {
  columns: {
    id: { names: ['conversation_id'], required: true },
    stratum: { names: ['stratum'], required: true },
    probability: { names: ['inclusion_probability'], required: true },
  },
  nothing: 'no sampled conversations (write one with `misfire sample`)',
};

/** How far n_h / π_h may be from a whole number (probabilities are written with 17 significant digits). */
const WHOLE_TOLERANCE = 1e-6;

/**
 * The text of sample.csv for `rows` (already in the order to write).
 * @example sampleCsv([{ conversationId: 'c1', stratum: 'L0-000/flagged', inclusionProbability: 0.5 }]);
 * // 'conversation_id,stratum,inclusion_probability\nc1,L0-000/flagged,0.5\n'
 */
export function sampleCsv(rows: readonly SampleRow[]): string {
  const parts = [csvLine([...SAMPLE_COLUMNS])];
  for (const row of rows) parts.push(csvLine([row.conversationId, row.stratum, String(row.inclusionProbability)]));
  return parts.join('');
}

/**
 * Read and check a sample file.
 * @example
 * const sample = await readSampleFile('sample.csv');
 * sample.strata[0]; // { name: 'L0-000/flagged', drawn: 4, population: 37, line: 2 }
 */
export async function readSampleFile(file: string): Promise<SampleRead> {
  if (!existsSync(file)) throw inputError('file not found (write it with `misfire sample --run DIR --budget N --classifier NAME`)', { file });
  const name = displayName(file);
  const digest = newDigest(file);
  const rows: SampleRead['rows'] = [];
  const seen = new Map<string, number>();
  const strata = new Map<string, { probability: number; drawn: number; line: number }>();
  for await (const { names, columns, records } of readTableBatches(file, SPEC, digest)) {
    const field = (logical: 'id' | 'stratum' | 'probability') => names[columns[logical]];
    for (const { line, fields } of records) {
      const where = (logical: 'id' | 'stratum' | 'probability') => ({ file: name, line, field: field(logical) });
      const conversationId = parseId(fields[columns.id], where('id'));
      const first = seen.get(conversationId);
      if (first !== undefined) throw inputError(`conversation "${truncate(conversationId)}" is listed twice (first on line ${first})`, where('id'));
      seen.set(conversationId, line);
      const stratum = fields[columns.stratum].trim();
      if (stratum === '') throw inputError('missing stratum', where('stratum'));
      const raw = fields[columns.probability];
      const probability = parseDecimal(raw ?? '');
      if (probability === null || !(probability > 0 && probability <= 1)) {
        throw inputError(`expected an inclusion probability above 0 and at most 1, got ${JSON.stringify(truncate(raw ?? ''))}`, where('probability'));
      }
      const known = strata.get(stratum);
      if (known && known.probability !== probability) {
        throw inputError(
          `stratum "${truncate(stratum)}" has inclusion probability ${known.probability} on line ${known.line} but ${probability} here: ` +
            'the conversations of a stratum are drawn with one probability',
          where('probability'),
        );
      }
      if (known) known.drawn++;
      else strata.set(stratum, { probability, drawn: 1, line });
      rows.push({ conversationId, stratum, inclusionProbability: probability, line });
    }
  }
  const list: SampleStratum[] = [];
  for (const [stratumName, { probability, drawn, line }] of strata) {
    const population = drawn / probability;
    const whole = Math.round(population);
    if (Math.abs(population - whole) > WHOLE_TOLERANCE * Math.max(1, whole)) {
      throw inputError(
        `stratum "${truncate(stratumName)}": its ${drawn} rows at inclusion probability ${probability} stand for ${population} conversations, ` +
          'not a whole number: rows were added or removed after `misfire sample` wrote the file',
        { file: name, line, field: 'inclusion_probability' },
      );
    }
    list.push({ name: stratumName, drawn, population: whole, line });
  }
  return { rows, strata: list, digest };
}
