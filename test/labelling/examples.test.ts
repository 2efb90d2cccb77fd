/** Report examples: keyword condensations (never raw text), only common words, only from shown clusters. */
import { describe, expect, it } from 'vitest';
import { keywordCondensation, pickExamples, PHRASE_SEPARATOR } from '../../src/labelling/examples.js';

const always = () => true;

describe('keywordCondensation', () => {
  it('keeps content words in order, phrases together, and drops boilerplate', () => {
    expect(keywordCondensation('Quick question: how do I kill a zombie process on Ubuntu? ty', always)).toBe(
      'kill · zombie process · ubuntu',
    );
  });

  it('keeps two adjacent words together only when enough users used that pair, and never more than two', () => {
    const commonWordsOnly = (term: string) => !term.includes(' ');
    expect(keywordCondensation('how do I kill a zombie process on ubuntu', commonWordsOnly)).toBe('kill · zombie · process · ubuntu');
    const pairs = new Set(['zombie process', 'process ubuntu', 'ubuntu server']);
    const commonOrPair = (term: string) => !term.includes(' ') || pairs.has(term);
    // "zombie process ubuntu server" may not survive as one run: a run of words can be one person's wording.
    expect(keywordCondensation('zombie process ubuntu server restart', commonOrPair)).toBe('zombie process · ubuntu server · restart');
  });

  it('deduplicates and stops at 12 words', () => {
    const text = 'nginx nginx postgres redis kafka docker podman helm terraform ansible puppet chef salt vagrant packer consul';
    const out = keywordCondensation(text, always) as string;
    const words = out.split(PHRASE_SEPARATOR).join(' ').split(' ');
    expect(words).toHaveLength(12);
    expect(new Set(words).size).toBe(12);
    expect(words[0]).toBe('nginx');
  });

  it('leaves out words too few users used, and gives nothing when fewer than 3 words remain', () => {
    const notQuenbrook = (w: string) => w !== 'quenbrook';
    expect(keywordCondensation('my landlord Mrs Quenbrook wants three months of rent upfront', notQuenbrook)).toBe('landlord · months · rent upfront');
    expect(keywordCondensation('landlord Quenbrook upfront', notQuenbrook)).toBeNull();
  });

  it('never returns text the scrubber would change', () => {
    const out = keywordCondensation('mail me at jane.doe@example.com about the invoice dispute refund', always);
    expect(out).not.toMatch(/@|example\.com/);
  });
});

describe('pickExamples', () => {
  // Two leaves in 2-D; leaf 1 is suppressed (not shown).
  const summaries = [
    'how do I kill a zombie process on ubuntu',
    'kill zombie process ubuntu server quickly',
    'zombie process ubuntu keeps coming back',
    'my neighbour Quenbrook kill zombie process ubuntu',
    'bake sourdough bread rye flour',
    'sourdough bread rye starter',
  ];
  const userOf = Int32Array.from([0, 1, 2, 3, 4, 5]);
  const leafOf = Int32Array.from([0, 0, 0, 0, 1, 1]);
  const data = Float32Array.from([1, 0, 0.9, 0.1, 0.8, 0.2, 0.95, 0.05, 0, 1, 0.1, 0.9]);
  const centroids = Float32Array.from([0.9, 0.1, 0.05, 0.95]);

  it('gives no examples for suppressed clusters and none with a word fewer than min-users users used', () => {
    const out = pickExamples(summaries, userOf, leafOf, { dim: 2, data }, centroids, [true, false], { minUsers: 3, perCluster: 10 });
    expect(out[1]).toEqual([]);
    expect(out[0].length).toBeGreaterThan(0);
    for (const example of out[0]) {
      expect(example).not.toMatch(/quenbrook|neighbour|quickly/i);
      expect(summaries).not.toContain(example);
    }
  });

  it('takes at most perCluster examples, nearest the centre first', () => {
    const out = pickExamples(summaries, userOf, leafOf, { dim: 2, data }, centroids, [true, true], { minUsers: 1, perCluster: 1 });
    expect(out[0]).toEqual(['kill zombie · process ubuntu · server quickly']);
    expect(out[1]).toHaveLength(1);
  });

  it('shows abstractive summaries whole (scrubbed) only in summaries mode, and only when every word is common', () => {
    const abstractive = [
      'The user asks how to stop a stuck background process.',
      'The user asks how to stop a stuck background process on a server.',
      'The user asks Dr Quenbrook how to stop a stuck background process.',
      'The user asks how to stop a stuck background process.',
      'The user asks for a bread recipe.',
      'The user asks for a bread recipe.',
    ];
    const out = pickExamples(abstractive, userOf, leafOf, { dim: 2, data }, centroids, [true, false], {
      minUsers: 2,
      perCluster: 10,
      source: 'summaries',
    });
    expect(out[0]).toContain('The user asks how to stop a stuck background process.');
    expect(out[0].join(' ')).not.toMatch(/Quenbrook|server/);
    expect(out[1]).toEqual([]);
  });
});
