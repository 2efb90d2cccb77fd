/** One JSON reader and one config-file loader, shared by run.json & co., `run --config` and the gate config. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGateSettings } from '../../src/api/gate-config.js';
import { loadRunConfig } from '../../src/cli/run-config.js';
import { loadConfigFile, readJson } from '../../src/io/read-json.js';
import { rejectionOf } from '../helpers/rejection.js';
import { runCli } from '../helpers/run-cli.js';
import { writeTinyDataset } from '../helpers/tiny-dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'misfire-read-json-'));
const jsonFile = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('readJson', () => {
  it('names the file and says why it could not be read, with the code asked for', async () => {
    const missing = await rejectionOf(readJson(join(dir, 'nope.json'), 'run.json'));
    expect([missing.code, missing.message]).toEqual(['input', `${join(dir, 'nope.json')}: cannot read run.json: no such file`]);
    const truncated = await rejectionOf(readJson(jsonFile('cut.json', '{"schema": "misfire.run/v1", "seed"'), 'run.json', 'config'));
    expect(truncated.code).toBe('config');
    expect(truncated.message).toMatch(/cut\.json: not valid JSON \(truncated or hand-edited\?\): /);
  });
});

describe('config files (run --config and the gate config) load the same way', () => {
  it('accepts a JSON object and refuses anything else with a config error naming the file', async () => {
    expect(await loadConfigFile(jsonFile('ok.json', '{"seed": 7}'), 'config')).toEqual({ seed: 7 });
    const list = jsonFile('list.json', '[1]');
    for (const [load, what] of [[loadRunConfig, 'config'], [(f: string) => loadGateSettings(f, {}), 'gate config']] as const) {
      const notObject = await rejectionOf(load(list));
      expect([notObject.code, notObject.message]).toEqual(['config', `${list}: ${what} must be a JSON object`]);
      const broken = await rejectionOf(load(jsonFile('broken.json', '{"seed": 7')));
      expect([broken.code, broken.file]).toEqual(['config', join(dir, 'broken.json')]);
      expect(broken.message).toMatch(/not valid JSON/);
      expect((await rejectionOf(load(join(dir, 'absent.json')))).message).toMatch(new RegExp(`cannot read ${what}: no such file`));
    }
  });

  it('exits 2 from the command line', async () => {
    const data = writeTinyDataset();
    const broken = jsonFile('broken-run.json', '{"seed": ');
    const run = await runCli('run', '-c', data.conversations, '-v', data.verdicts, '-o', join(dir, 'out'), '--config', broken, '-q');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^misfire: config error: .*broken-run\.json: not valid JSON/);
  });
});
