/**
 * The layout keeps its promises: the stage folders are pure (no file system, process, network or threads),
 * no folder imports one that imports it back, the report imports nothing from the orchestration, and only
 * the providers (and the CLI's option list) name a provider.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/paths.js';

const SRC = join(REPO, 'src');
const PURE = ['text', 'embedding', 'clustering', 'labelling', 'metrics', 'stats', 'discovery', 'drilldown', 'slicing', 'sampling', 'counts'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** `src/a/b.ts` → `a`; a file directly in src/ is its own unit (`src/random.ts` → `random`). */
const unitOf = (file: string) => relative(SRC, file).split('/')[0].replace(/\.ts$/, '');

/** Unit → units it imports (relative imports only; the package entry src/index.ts left out). */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of tsFiles(SRC)) {
    if (file === join(SRC, 'index.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)) {
      const from = unitOf(file);
      const to = unitOf(resolve(dirname(file), match[1]));
      if (from === to) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** Every cycle found by a depth-first walk, as `a → b → a`. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (unit: string) => {
    const at = stack.indexOf(unit);
    if (at >= 0) return void found.add([...stack.slice(at), unit].join(' → '));
    if (done.has(unit)) return;
    stack.push(unit);
    for (const next of graph.get(unit) ?? []) visit(next);
    stack.pop();
    done.add(unit);
  };
  for (const unit of graph.keys()) visit(unit);
  return [...found];
}

describe('the source layout', () => {
  it('has no import cycle between folders', () => {
    const graph = importGraph();
    expect(graph.get('api')?.has('render')).toBe(true); // the walk sees real imports
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual(['a → b → c → a']);
  });

  it('keeps the stage folders pure: no fs, process, network, child processes or threads', () => {
    const impure = PURE.flatMap((folder) => tsFiles(join(SRC, folder)))
      .filter((file) => /from 'node:(fs|fs\/promises|child_process|worker_threads|net|http|https)'|\bprocess\.|\bfetch\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(REPO, file));
    expect(impure).toEqual([]);
  });

  it('render/ imports nothing from api/', () => {
    const graph = importGraph();
    expect([...(graph.get('render') ?? [])]).not.toContain('api');
  });

  it("names the anthropic provider only in src/providers/ and the CLI's option list", () => {
    const naming = tsFiles(SRC)
      .filter((file) => readFileSync(file, 'utf8').includes("'anthropic'"))
      .map((file) => relative(SRC, file))
      .filter((file) => !file.startsWith('providers/'));
    expect(naming).toEqual(['cli/run-options.ts']);
  });
});
