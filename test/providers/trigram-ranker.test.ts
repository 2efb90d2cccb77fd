import { readFileSync } from 'node:fs';
import { francAll } from 'franc';
import { describe, expect, it } from 'vitest';
import { DETECTABLE_LANGUAGES, LANGUAGE_MIN_CHARS, LANGUAGE_SAMPLE_CHARS } from '../../src/providers/offline/language.js';
import { createTrigramRanker } from '../../src/providers/offline/trigram-ranker.js';
import { createRng } from '../../src/random.js';

const OPTIONS = { minLength: LANGUAGE_MIN_CHARS, only: [...DETECTABLE_LANGUAGES] };
const ranker = createTrigramRanker(DETECTABLE_LANGUAGES, LANGUAGE_MIN_CHARS);

/** Every user turn of the shipped demo, cut as the language detector cuts it. */
function demoSamples(): string[] {
  const lines = readFileSync(new URL('../../datasets/demo/conversations.jsonl', import.meta.url), 'utf8').split('\n');
  const samples: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { messages: Array<{ role: string; content: string }> };
    for (const message of record.messages) samples.push(message.content.slice(0, LANGUAGE_SAMPLE_CHARS));
  }
  return samples;
}

const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz      ',
  'aeiounrstlcdmpàéèêëïîôùûçäöüßñ¿¡     ',
  'абвгдежзийклмнопрстуфхцчшщъыьэюяіїєґ    ',
  'ابتثجحخدذرسشصضطظعغفقكلمنهوي   ',
  'अआइईउऊएऐओऔकखगघचछजझटठडढतथदधनपफबभमयरलवशसह   ',
  '的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年',
  'αβγδεζηθικλμνξοπρστυφχψω   ',
  'あいうえおかきくけこさしすせそアイウエオカキクケコ',
  '0123456789 .,;:!?()[]{}"\'-_/\\@#$%^&*+=<>~`|\n\t',
];

/** Seeded random strings over single and mixed scripts, punctuation and digits, of every length up to 300. */
function randomSamples(count: number): string[] {
  const rng = createRng(20261202);
  const samples: string[] = [];
  for (let s = 0; s < count; s++) {
    const alphabets = [rng.pick(ALPHABETS), rng.pick(ALPHABETS)];
    const length = Math.floor(rng.next() * 300);
    let text = '';
    for (let i = 0; i < length; i++) {
      const alphabet = alphabets[rng.chance(0.8) ? 0 : 1];
      text += alphabet[Math.floor(rng.next() * alphabet.length)];
    }
    samples.push(text);
  }
  return samples;
}

describe('trigram ranker (franc, precomputed)', () => {
  it('scores the demo prompts exactly as francAll does: same languages, same order, same numbers', () => {
    const samples = demoSamples();
    expect(samples.length).toBeGreaterThan(2000);
    for (const sample of samples) expect(ranker.rank(sample), sample).toEqual(francAll(sample, OPTIONS));
  });

  it('scores random text in every script, mixed scripts, digits and punctuation exactly as francAll does', () => {
    for (const sample of randomSamples(3000)) expect(ranker.rank(sample), JSON.stringify(sample)).toEqual(francAll(sample, OPTIONS));
  });

  it.each([
    ['', 'empty'],
    ['short', 'shorter than the minimum'],
    ['1234567890 42', 'digits only'],
    ['!!!???... ---', 'punctuation only'],
    ['Kannst du mir bitte erklären, wie man einen Kuchen backt?', 'German'],
    ['¿Puedes explicarme cómo funciona la fotosíntesis en las plantas?', 'Spanish'],
    ['Объясни, пожалуйста, как работает фотосинтез у растений.', 'Russian'],
    ['请解释一下光合作用是如何进行的', 'Chinese (script decides)'],
    ['ሰላም እንዴት ነህ ዛሬ ጥሩ ቀን ነው', 'a script whose languages are all excluded'],
    ['Das ist ein langer deutscher Satz über das Wetter. '.repeat(60), 'longer than franc reads'],
  ])('%# (%s) as francAll', (sample) => {
    expect(ranker.rank(sample)).toEqual(francAll(sample, OPTIONS));
  });

  it('answers for the allowed languages only', () => {
    const only = createTrigramRanker(['eng', 'deu'], 10);
    const scores = only.rank('Kannst du mir bitte erklären, wie man einen Kuchen backt?');
    expect(scores.map(([language]) => language)).toEqual(['deu', 'eng']);
    expect(scores).toEqual(francAll('Kannst du mir bitte erklären, wie man einen Kuchen backt?', { minLength: 10, only: ['eng', 'deu'] }));
  });
});
