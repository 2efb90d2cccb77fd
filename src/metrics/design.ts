/**
 * A labelling sample's design as the metrics need it: which stratum each drawn conversation came from and
 * how many conversations each stratum holds, and from those and the labels, each labelled conversation's
 * design weight. Pure; the sample file is read and checked in src/artifacts (sample-file.ts).
 */
import { inputError } from '../errors.js';

export interface SampleDesign {
  /** Stratum names, as sample.csv writes them. */
  strata: string[];
  /** N_h: conversations in each stratum (sampled / inclusion probability). */
  population: Float64Array;
  /** n_h: conversations drawn from each stratum (rows of sample.csv). */
  drawn: Int32Array;
  /** Per conversation of the run: the stratum it was drawn from, −1 when it was not drawn. */
  stratumOf: Int32Array;
}

export interface DesignWeights {
  /** m_h: drawn conversations of each stratum that have a label (0 or 1). */
  labelled: Int32Array;
  /** Per conversation: N_h / m_h for a labelled drawn conversation, else 0. */
  weight: Float64Array;
  /** Strata with drawn conversations but no label: their conversations are represented by no one. */
  unrepresented: number[];
}

/**
 * Design weights: a labelled conversation of stratum h stands for N_h / m_h conversations, m_h being the
 * labelled conversations drawn from h. Drawn conversations left without a label are treated as missing at
 * random within their stratum (the labelled ones of the stratum stand in for them); a stratum with none
 * labelled is listed as unrepresented.
 * @example
 * // stratum 0 of N = 40 with 4 drawn, 2 labelled: each labelled one stands for 20
 * designWeights(design, labels).weight[i]; // 20
 */
export function designWeights(design: SampleDesign, labels: Int8Array): DesignWeights {
  const count = design.strata.length;
  const labelled = new Int32Array(count);
  for (let i = 0; i < design.stratumOf.length; i++) {
    const h = design.stratumOf[i];
    if (h >= 0 && labels[i] >= 0) labelled[h]++;
  }
  const weight = new Float64Array(design.stratumOf.length);
  for (let i = 0; i < design.stratumOf.length; i++) {
    const h = design.stratumOf[i];
    if (h >= 0 && labels[i] >= 0) weight[i] = design.population[h] / labelled[h];
  }
  const unrepresented: number[] = [];
  for (let h = 0; h < count; h++) if (labelled[h] === 0 && design.drawn[h] > 0) unrepresented.push(h);
  return { labelled, weight, unrepresented };
}

/** The parts of a read sample file the design needs (see artifacts/sample-file.ts). */
export interface SampleRows {
  rows: readonly { conversationId: string; stratum: string; line: number }[];
  strata: readonly { name: string; drawn: number; population: number }[];
}

/**
 * The design of a sample file on a run's conversations. Every sampled id must be a conversation of the run,
 * and the strata must cover exactly the run's conversations (Σ N_h = N); otherwise the file was drawn from
 * another run (an input error naming the file, and the line and field of the first stray id).
 * @example buildSampleDesign(['c1', 'c2'], sample, 'sample.csv').stratumOf; // Int32Array [0, -1]
 */
export function buildSampleDesign(conversationIds: readonly string[], sample: SampleRows, file: string): SampleDesign {
  const indexOf = new Map<string, number>();
  conversationIds.forEach((id, i) => indexOf.set(id, i));
  const strata = sample.strata.map((s) => s.name);
  const stratumIndex = new Map(strata.map((name, h) => [name, h]));
  const stratumOf = new Int32Array(conversationIds.length).fill(-1);
  for (const row of sample.rows) {
    const i = indexOf.get(row.conversationId);
    if (i === undefined) {
      throw inputError(`"${row.conversationId}" is not a conversation of this run: the sample was drawn from another run's conversations`, {
        file,
        line: row.line,
        field: 'conversation_id',
      });
    }
    stratumOf[i] = stratumIndex.get(row.stratum) as number;
  }
  const covered = sample.strata.reduce((sum, s) => sum + s.population, 0);
  if (covered !== conversationIds.length) {
    throw inputError(
      `its strata hold ${covered} conversations (rows / inclusion probability, summed), the run has ${conversationIds.length}: ` +
        'the sample was drawn from another run (draw a new one with `misfire sample`)',
      { file, field: 'inclusion_probability' },
    );
  }
  return {
    strata,
    population: Float64Array.from(sample.strata, (s) => s.population),
    drawn: Int32Array.from(sample.strata, (s) => s.drawn),
    stratumOf,
  };
}

/**
 * With a sample, every label must belong to a sampled conversation: a label elsewhere has no design weight and
 * would be silently ignored (or, counted, bias every rate). Empty labels (unknown) are allowed anywhere.
 * @example assertLabelsInSample(labelRows, ['c1', 'c2'], design, 'labels.csv', 'sample.csv'); // throws for a label of c2 if c2 was not drawn
 */
export function assertLabelsInSample(
  labels: readonly { conversationId: string; label: boolean | null; line: number }[],
  conversationIds: readonly string[],
  design: SampleDesign,
  file: string,
  sampleFile: string,
): void {
  const indexOf = new Map<string, number>();
  conversationIds.forEach((id, i) => indexOf.set(id, i));
  for (const row of labels) {
    if (row.label === null) continue;
    const i = indexOf.get(row.conversationId);
    if (i === undefined || design.stratumOf[i] < 0) {
      const what = i === undefined ? 'is not a conversation of this run nor' : 'is not';
      throw inputError(
        `"${row.conversationId}" ${what} in the sample (${sampleFile}): with --sample every label must be for a sampled conversation ` +
          '(a label elsewhere has no design weight); label only the sampled conversations, or run without --sample',
        { file, line: row.line, field: 'conversation_id' },
      );
    }
  }
}

/**
 * Sampled conversations without a label (no row or an empty label), with up to five example ids.
 * @example sampleNonresponse(design, labels, ids); // { count: 3, examples: ['c4', 'c9', 'c12'] }
 */
export function sampleNonresponse(design: SampleDesign, labels: Int8Array, conversationIds: readonly string[]): { count: number; examples: string[] } {
  let count = 0;
  const examples: string[] = [];
  for (let i = 0; i < conversationIds.length; i++) {
    if (design.stratumOf[i] < 0 || labels[i] >= 0) continue;
    count++;
    if (examples.length < 5) examples.push(conversationIds[i]);
  }
  return { count, examples };
}
