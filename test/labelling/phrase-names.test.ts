/** Offline names from shared phrases: phrase terms, the per-phrase privacy rule, shares stated, mixed clusters. */
import { describe, expect, it } from 'vitest';
import { distinctiveTerms } from '../../src/labelling/ctfidf-labels.js';
import { describeFromTerms, MIXED_BELOW, nameFromTerms } from '../../src/labelling/term-names.js';
import { keyWords, labelTerms, MAX_PHRASE_CHARS, MAX_PHRASE_WORDS } from '../../src/text/label-terms.js';
import { isContentWord } from '../../src/text/stop-words.js';
import { createOfflineLabeler } from '../../src/providers/offline/labeler.js';
import { emptyUsage, type ClusterToLabel, type ProviderContext } from '../../src/providers/types.js';
import { silentProgress } from '../../src/types.js';

const context = (minUsers: number): ProviderContext => ({ seed: 1, progress: silentProgress, minUsers, cacheDir: '.misfire-cache', usage: emptyUsage() });
const range = (from: number, n: number) => Int32Array.from({ length: n }, (_, i) => from + i);
const leaf = (clusterId: string, members: Int32Array): ClusterToLabel => ({ clusterId, members, childIds: [], contrast: new Int32Array(0) });

describe('phrase terms', () => {
  it('takes phrases of 2–4 adjacent words with function words inside, never at the edges', () => {
    const terms = labelTerms('Quick question: how do I kill a zombie process? Then tell me a joke about cats');
    expect(terms).toEqual(expect.arrayContaining(['kill a zombie process', 'zombie process', 'tell me a joke', 'joke about cats']));
    for (const edge of ['a zombie', 'kill a', 'process then', 'how do', 'me a joke', 'about cats']) expect(terms).not.toContain(edge);
  });

  it('opens on a content word or a request verb, ends on a content word, and stays short', () => {
    const text = 'Write a short story about my dog. Explain the difference between supervised and unsupervised machine learning models';
    const terms = labelTerms(text);
    expect(terms).toContain('write a short story');
    for (const term of terms) {
      const words = term.split(' ');
      expect(words.length).toBeLessThanOrEqual(MAX_PHRASE_WORDS);
      expect(term.length).toBeLessThanOrEqual(MAX_PHRASE_CHARS);
      expect(isContentWord(words[words.length - 1]), term).toBe(true);
      expect(isContentWord(words[0]) || ['write', 'explain'].includes(words[0]), term).toBe(true);
    }
  });

  it('does not carry a phrase past a word that starts another thought', () => {
    expect(labelTerms('my late grandmother who always told stories')).not.toContain('grandmother who always told');
    expect(labelTerms('the test passes locally but fails in ci')).not.toContain('passes locally but fails');
  });

  it('drops a phrase that only stops because it may not grow longer', () => {
    const terms = labelTerms('he mocked me in front of the whole class');
    expect(terms).not.toContain('front of the whole');
    expect(terms).toContain('whole class');
  });

  it('treats a plural as its singular when deciding whether two terms say the same thing', () => {
    expect(keyWords('tell me some jokes')).toEqual(['tell', 'joke']);
    expect(keyWords('women stories process')).toEqual(['woman', 'story', 'process']);
  });
});

describe('the privacy rule holds for phrases', () => {
  /** Cluster 0: eight users ask to "kill a zombie process"; four of them also "reboot the flux capacitor". */
  function data(phraseUsers: number) {
    const summaries: string[] = [];
    const users: number[] = [];
    for (let u = 0; u < 8; u++) {
      summaries.push(u < phraseUsers ? 'kill a zombie process then reboot the flux capacitor' : 'kill a zombie process on linux');
      users.push(u);
    }
    // One user says the rare phrase many times: repetition must not count as more users.
    for (let r = 0; r < 6; r++) (summaries.push('reboot the flux capacitor now'), users.push(0));
    const first = summaries.length;
    for (let u = 0; u < 8; u++) (summaries.push('bake sourdough bread at home'), users.push(100 + u));
    return {
      summaries,
      userOf: Int32Array.from(users),
      clusters: [leaf('L0-000', range(0, first)), leaf('L0-001', range(first, summaries.length - first))],
    };
  }

  it('a phrase used by fewer than min-users users never appears in a term, name or description', async () => {
    const { summaries, userOf, clusters } = data(4);
    const [terms] = distinctiveTerms(clusters, summaries, userOf, { minUsers: 5, seed: 1, topTerms: 50 });
    expect(terms.terms.join(' | ')).not.toMatch(/flux|capacitor|reboot/);
    const labels = await createOfflineLabeler().label({ level: 0, clusters, summaries, userOf, childLabels: new Map() }, context(5));
    for (const label of labels) expect(`${label.name} ${label.description} ${label.terms?.join(' ')}`).not.toMatch(/flux|capacitor|reboot/i);
    expect(labels[0].name.toLowerCase()).toContain('zombie process');
  });

  it('the same phrase is eligible once min-users users use it', () => {
    const { summaries, userOf, clusters } = data(5);
    const [terms] = distinctiveTerms(clusters, summaries, userOf, { minUsers: 5, seed: 1, topTerms: 50 });
    expect(terms.terms.join(' | ')).toMatch(/flux capacitor/);
  });
});

describe('names say what members share, with their share', () => {
  it('leads with the phrase most members use, grown from its word when most uses are in the phrase', async () => {
    const summaries = [
      ...Array.from({ length: 8 }, (_, i) => (i < 6 ? 'please kill a zombie process on ubuntu' : 'kill a zombie process')),
      ...Array.from({ length: 8 }, () => 'what wine goes with roast chicken'),
    ];
    const userOf = Int32Array.from(summaries.map((_, i) => i));
    const [label] = await createOfflineLabeler().label(
      { level: 0, clusters: [leaf('a', range(0, 8)), leaf('b', range(8, 8))], summaries, userOf, childLabels: new Map() },
      context(5),
    );
    expect(label.name).toMatch(/^Kill a zombie process\b/);
    expect(label.description).toMatch(/^100% of its conversations mention 'kill a zombie process'; 75% mention 'ubuntu'\./);
  });

  it('states each term’s share in plain words and says "ask to" for a request', () => {
    const shares = { terms: ['write a story', 'dragons', 'castle', 'knight'], each: [0.61, 0.24, 0.05, 0.04] };
    expect(nameFromTerms(shares, 'x')).toBe('Write a story and dragons');
    expect(describeFromTerms(shares)).toBe(
      "61% of its conversations ask to 'write a story'; 24% mention 'dragons'. Related: 'castle' (5%), 'knight' (4%).",
    );
  });

  it(`names a cluster whose head is in under ${MIXED_BELOW * 100}% of its conversations as mixed`, () => {
    const shares = { terms: ['guess', 'fun', 'today', 'talk'], each: [0.04, 0.04, 0.03, 0.02] };
    expect(nameFromTerms(shares, 'x')).toBe('Mixed: guess, fun and today');
    expect(describeFromTerms(shares)).toMatch(/^No dominant theme \(the leading term is in under 20%\): 4% of its conversations mention 'guess'/);
    expect(nameFromTerms({ ...shares, each: [MIXED_BELOW, 0.04, 0.03, 0.02] }, 'x')).toBe('Guess');
  });

  it('keeps names short: at most three terms and about eight words', () => {
    const shares = { terms: ['abide by the rules', 'typical confines of ai', 'original chatgpt', 'dan'], each: [0.7, 0.6, 0.5, 0.5] };
    const name = nameFromTerms(shares, 'x');
    expect(name).toBe('Abide by the rules and typical confines of ai');
    expect(name.split(' ').length).toBeLessThanOrEqual(9);
  });

  it('is deterministic: the same input gives the same labels', async () => {
    const summaries = Array.from({ length: 60 }, (_, i) => ['tell me a joke about cats', 'write a poem about the sea', 'fix my python code'][i % 3]);
    const userOf = Int32Array.from(summaries.map((_, i) => i));
    const input = { level: 0, clusters: [leaf('a', range(0, 30)), leaf('b', range(30, 30))], summaries, userOf, childLabels: new Map() };
    const first = await createOfflineLabeler().label(input, context(5));
    const second = await createOfflineLabeler().label(input, context(5));
    expect(second).toEqual(first);
  });
});

describe('error pockets against the rest', () => {
  it('names a pocket by what sets it apart from the rest of the data', async () => {
    const summaries = [
      ...Array.from({ length: 10 }, () => 'tell me a joke about my boss'),
      ...Array.from({ length: 40 }, (_, i) => ['my boss ignores my emails', 'plan a trip to rome', 'fix my python code', 'bake bread at home'][i % 4]),
    ];
    const userOf = Int32Array.from(summaries.map((_, i) => i));
    const clusters = [leaf('FP-1', range(0, 10)), leaf('rest', range(10, 40))];
    const [pocket] = await createOfflineLabeler().label({ level: 0, clusters, summaries, userOf, childLabels: new Map() }, context(5));
    expect(pocket.name).toMatch(/^(Tell me a )?joke/i);
    expect(pocket.description).toMatch(/^100% of its conversations/);
  });
});
