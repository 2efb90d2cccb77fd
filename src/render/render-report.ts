/**
 * Render index.html (handlebars: templates/report.hbs + one partial per section in templates/partials/) and
 * report.md from the view-model. Templates never use triple-stash: data goes through `{{…}}` (escaped),
 * and the only raw output comes from two helpers — `asset` (the shipped CSS/JS files) and `svg` (charts
 * that are `TrustedSvg` values, checked when they were built).
 */
import { readFileSync, readdirSync } from 'node:fs';
import Handlebars from 'handlebars';
import { TrustedSvg } from './charts/trusted-svg.js';
import { renderMarkdown } from './markdown.js';
import { buildViewModel, type ReportInput } from './view-model.js';
import type { ReportView } from './view-types.js';

const TEMPLATES = new URL('../../templates/', import.meta.url);

let compiled: Handlebars.TemplateDelegate<ReportView> | null = null;

function template(): Handlebars.TemplateDelegate<ReportView> {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  const partials = new URL('partials/', TEMPLATES);
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs')).sort()) {
    hb.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(new URL(file, partials), 'utf8'));
  }
  const assets: Record<string, string> = {
    styles: readFileSync(new URL('report.css', TEMPLATES), 'utf8'),
    // `</` would end the inline element early; `<\/` means the same inside JS strings and CSS.
    script: readFileSync(new URL('report.js', TEMPLATES), 'utf8'),
  };
  hb.registerHelper('asset', (name: unknown) => {
    const text = typeof name === 'string' ? assets[name] : undefined;
    if (text === undefined) throw new Error(`unknown report asset ${String(name)}`);
    return new hb.SafeString(text.replace(/<\//g, '<\\/'));
  });
  hb.registerHelper('svg', (chart: unknown) => {
    if (!(chart instanceof TrustedSvg)) throw new Error('the svg helper only writes charts built by src/render/charts');
    return new hb.SafeString(chart.markup);
  });
  compiled = hb.compile<ReportView>(readFileSync(new URL('report.hbs', TEMPLATES), 'utf8'), { strict: true });
  return compiled;
}

/** index.html for a view-model. */
export function renderHtml(view: ReportView): string {
  return template()(view);
}

/**
 * Build the view-model and render both report files.
 * @example
 * const { html, markdown } = renderReport({ run, metrics, clusters, now: new Date(), centroids });
 */
export function renderReport(input: ReportInput): { html: string; markdown: string; view: ReportView } {
  const view = buildViewModel(input);
  return { html: renderHtml(view), markdown: renderMarkdown(view), view };
}
