/**
 * Chart markup that may be written into the page unescaped. Only this module can mint a `TrustedSvg`, and
 * it does so from a DOM element built by Observable Plot on a server-side DOM (linkedom), after checking
 * every node: a fixed set of SVG/HTML element names, no event-handler attributes, links only to anchors
 * inside the page. Data-derived text inside a chart (tick labels, tooltips) is escaped by the serializer;
 * the checks are a second line of defence, and they also round coordinates to keep the file small.
 */
import { MisfireError } from '../../errors.js';

const ALLOWED_ELEMENTS = new Set([
  'svg', 'g', 'path', 'line', 'circle', 'rect', 'text', 'tspan', 'title', 'style', 'a', 'defs', 'clippath',
  'lineargradient', 'stop', 'image', 'figure', 'figcaption', 'div', 'span', 'h2', 'h3',
]);
const GEOMETRY = new Set(['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'dx', 'dy', 'points']);

/** Minimal view of a DOM element (linkedom's elements satisfy it). */
export interface ChartElement {
  readonly tagName: string;
  readonly outerHTML: string;
  readonly children: ArrayLike<ChartElement>;
  readonly attributes: ArrayLike<{ name: string; value: string }>;
  setAttribute(name: string, value: string): void;
}

export class TrustedSvg {
  private constructor(
    /** What the chart shows, e.g. `forest` (used by golden files instead of the markup). */
    readonly kind: string,
    /** Serialized, checked markup. */
    readonly markup: string,
  ) {}

  /** Check and serialize a chart element built by Plot. Throws if anything unexpected is inside. */
  static fromElement(kind: string, element: ChartElement): TrustedSvg {
    checkTree(element);
    return new TrustedSvg(kind, element.outerHTML);
  }
}

function checkTree(element: ChartElement): void {
  const tag = element.tagName.toLowerCase();
  if (!ALLOWED_ELEMENTS.has(tag)) fail(`element <${tag}>`);
  const attributes = Array.from(element.attributes).map((a) => ({ name: a.name, value: a.value }));
  for (const { name, value } of attributes) {
    const lower = name.toLowerCase();
    if (lower.startsWith('on')) fail(`attribute ${name}`);
    if ((lower === 'href' || lower === 'xlink:href') && !value.startsWith('#')) fail(`link ${value}`);
    if (lower === 'style' && /url\s*\(|expression/i.test(value)) fail('style with url()');
    if (GEOMETRY.has(lower)) element.setAttribute(name, roundNumbers(value));
  }
  for (const child of Array.from(element.children)) checkTree(child);
}

/** `110.00000000000001` → `110`; keeps two decimals at most. */
export function roundNumbers(value: string): string {
  return value.replace(/-?\d+\.\d{3,}(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100));
}

function fail(what: string): never {
  throw new MisfireError('input', `refusing to embed a chart containing ${what}`);
}
