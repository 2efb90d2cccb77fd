/** Render index.html (handlebars, templates/) and report.md from the view-model. */
import { readFileSync, readdirSync } from 'node:fs';
import Handlebars from 'handlebars';
import { buildViewModel, type ReportInput } from './view-model.js';
import { renderMarkdown } from './markdown.js';

const TEMPLATES = new URL('../../templates/', import.meta.url);

let compiled: Handlebars.TemplateDelegate | null = null;

function template(): Handlebars.TemplateDelegate {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  const partials = new URL('partials/', TEMPLATES);
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs')).sort()) {
    hb.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(new URL(file, partials), 'utf8'));
  }
  const styles = readFileSync(new URL('report.css', TEMPLATES), 'utf8');
  hb.registerPartial('styles', styles.replace(/<\//g, '<\\/'));
  compiled = hb.compile(readFileSync(new URL('report.hbs', TEMPLATES), 'utf8'), { strict: true });
  return compiled;
}

export function renderReport(input: ReportInput): { html: string; markdown: string } {
  const view = buildViewModel(input);
  return { html: template()(view), markdown: renderMarkdown(view) };
}
