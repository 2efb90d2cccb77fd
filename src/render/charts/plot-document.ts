/** A server-side DOM document for Observable Plot (linkedom; no browser, no jsdom). */
import type { PlotOptions } from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** Plot's `document` option: a fresh, empty HTML document. */
export function chartDocument(): PlotOptions['document'] {
  return parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as PlotOptions['document'];
}

/** Shortens a label for an axis: at most `max` characters, with an ellipsis. */
export function shorten(text: string, max = 42): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
