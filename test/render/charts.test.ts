import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { forestPlot } from '../../src/render/charts/forest-plot.js';
import { roundNumbers, TrustedSvg, type ChartElement } from '../../src/render/charts/trusted-svg.js';
import { rateColour, textOn } from '../../src/render/rate-colour.js';

const element = (markup: string) => parseHTML(`<html><body>${markup}</body></html>`).document.body.firstElementChild as unknown as ChartElement;

describe('TrustedSvg', () => {
  test('refuses event handlers, scripts, foreign objects and links out of the page', () => {
    expect(() => TrustedSvg.fromElement('x', element('<svg><circle onclick="alert(1)"></circle></svg>'))).toThrow(/onclick/);
    expect(() => TrustedSvg.fromElement('x', element('<svg><script>alert(1)</script></svg>'))).toThrow(/script/);
    expect(() => TrustedSvg.fromElement('x', element('<svg><foreignObject></foreignObject></svg>'))).toThrow(/foreignobject/);
    expect(() => TrustedSvg.fromElement('x', element('<svg><a href="https://example.com"><text>x</text></a></svg>'))).toThrow(/link/);
  });

  test('keeps in-page links and rounds long coordinates', () => {
    const svg = TrustedSvg.fromElement('x', element('<svg><a href="#cluster-L0-001"><circle cx="110.00000000000001" cy="3.14159" r="4"></circle></a></svg>'));
    expect(svg.markup).toContain('href="#cluster-L0-001"');
    expect(svg.markup).toContain('cx="110"');
    expect(svg.markup).toContain('cy="3.14"');
    expect(roundNumbers('M0,0L-6,79.99999999999999')).toBe('M0,0L-6,80');
  });

  test('a forest plot escapes cluster names in its labels and tooltips', () => {
    const chart = forestPlot([{ id: 'L0-001', name: '<script>alert(1)</script>', rate: 0.4, lo: 0.3, hi: 0.5, anchor: 'cluster-L0-001' }], 0.1, 'FPR');
    expect(chart).not.toBeNull();
    const markup = chart?.markup ?? '';
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;script&gt;');
    const { document } = parseHTML(`<html><body>${markup}</body></html>`);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelectorAll('circle')).toHaveLength(1);
  });

  test('no pockets, no forest plot', () => {
    expect(forestPlot([], 0.1, 'FPR')).toBeNull();
  });
});

describe('rateColour', () => {
  test('white at the overall rate, full red 30 points above, blue below, grey without a rate', () => {
    expect(rateColour(0.1, 0.1)).toBe('#f7f7f7');
    expect(rateColour(0.45, 0.1)).toBe('#b2182b');
    expect(rateColour(0.9, 0.1)).toBe('#b2182b');
    const below = rateColour(0, 0.1);
    expect(Number.parseInt(below.slice(5, 7), 16)).toBeGreaterThan(Number.parseInt(below.slice(1, 3), 16));
    expect(rateColour(null, 0.1)).toBe('#d0d4dc');
    expect(rateColour(0.2, null)).toBe('#d0d4dc');
  });

  test('text stays readable: white on deep red, dark on pale', () => {
    expect(textOn('#b2182b')).toBe('#ffffff');
    expect(textOn('#f7f7f7')).toBe('#1d2330');
  });
});
