/** The gate rule's settings: the versioned config file, flag overrides, and rejected values. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGateSettings } from '../../src/api/gate-config.js';
import { parseGateConfig, resolveGateSettings } from '../../src/gate/settings.js';
import { DEFAULT_GATE_SETTINGS } from '../../src/gate/types.js';

describe('gate settings', () => {
  it('ships config/gate.json with the documented defaults', async () => {
    expect(await loadGateSettings(null, {})).toEqual({ max_increase: 0.05, alpha: 0.05, min_support: 20, max_overall_increase: 0.01 });
    expect(DEFAULT_GATE_SETTINGS).toEqual(await loadGateSettings(null, {}));
  });

  it('layers defaults ← config file ← flags, ignoring flags that were not given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'misfire-gate-config-'));
    const file = join(dir, 'gate.json');
    writeFileSync(file, JSON.stringify({ max_increase: 0.1, min_support: 50 }));
    expect(await loadGateSettings(file, { min_support: 30, alpha: undefined })).toEqual({ max_increase: 0.1, alpha: 0.05, min_support: 30, max_overall_increase: 0.01 });
  });

  it('rejects unknown keys, non-numbers, out-of-range values and unreadable files with config errors', async () => {
    expect(() => parseGateConfig({ max_incrase: 0.1 }, 'g.json')).toThrow(/g\.json, field "max_incrase": unknown gate setting/);
    expect(() => parseGateConfig({ alpha: '0.05' }, 'g.json')).toThrow(/must be a number/);
    expect(() => parseGateConfig([], 'g.json')).toThrow(/must be a JSON object/);
    expect(() => resolveGateSettings({ max_increase: 1.5 })).toThrow(/max_increase must be between 0 and 1/);
    expect(() => resolveGateSettings({ min_support: 0 })).toThrow(/min_support/);
    await expect(loadGateSettings('/nonexistent/gate.json', {})).rejects.toThrow(/cannot read gate config/);
  });
});
