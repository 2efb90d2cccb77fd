/** The name-quality measure: share of a cluster's conversations that contain its name's head phrase. */
import { describe, expect, it } from 'vitest';
import { containsPhrase, headPhrase, headPhraseCoverage, median } from '../../src/labelling/name-coverage.js';
import { textWords } from '../../src/text/stop-words.js';

describe('head phrase coverage', () => {
  const summaries = ['how do I kill a zombie process?', 'kill a process. zombie', 'Kill a  Zombie process now', 'bake bread'];

  it('counts members that hold the phrase as adjacent words, not across punctuation', () => {
    expect(containsPhrase(textWords('how do I kill a zombie process?'), ['kill', 'a', 'zombie'])).toBe(true);
    expect(containsPhrase(textWords('kill a process. zombie'), ['process', 'zombie'])).toBe(false);
    expect(containsPhrase(textWords('anything'), [])).toBe(false);
    expect(headPhraseCoverage([0, 1, 2, 3], summaries, 'kill a zombie process')).toBe(0.5);
    expect(headPhraseCoverage([0, 1, 2, 3], summaries, 'kill')).toBe(0.75);
    expect(headPhraseCoverage([], summaries, 'kill')).toBe(0);
  });

  it('takes the first term as the head when the name shows it', () => {
    expect(headPhrase('Mixed: guess, fun and today', ['guess', 'fun', 'today'])).toBe('guess');
    expect(headPhrase('Kill a zombie process and sudo', ['kill a zombie process', 'sudo'])).toBe('kill a zombie process');
    expect(headPhrase('Unnamed cluster L0-001', [])).toBeNull();
  });

  it('medians', () => {
    expect(median([0.2, 0.9, 0.5])).toBe(0.5);
    expect(median([0.2, 0.4])).toBeCloseTo(0.3);
    expect(median([])).toBeNull();
  });
});
