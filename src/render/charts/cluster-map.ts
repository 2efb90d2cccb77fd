/**
 * The cluster map: one bubble per unsuppressed leaf cluster at its centroid's 2D PCA projection, size = n.
 * Plot draws the bubbles; each `<circle>` then gets `data-colours` (one colour per classifier × metric,
 * comma-separated, in `<select>` order) so the page's script can recolour without re-plotting.
 */
import * as Plot from '@observablehq/plot';
import { chartDocument } from './plot-document.js';
import { TrustedSvg, type ChartElement } from './trusted-svg.js';

export interface MapMark {
  clusterId: string;
  name: string;
  x: number;
  y: number;
  size: number;
  /** One colour per select option. */
  colours: string[];
  /** Tooltip. */
  title: string;
}

interface DomNode extends ChartElement {
  readonly parentNode: DomNode | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}

export function clusterMap(marks: MapMark[]): TrustedSvg {
  const element = Plot.plot({
    document: chartDocument(),
    className: 'mf-map',
    width: 960,
    height: 500,
    inset: 30,
    x: { axis: null },
    y: { axis: null },
    r: { range: [4, 34] },
    marks: [
      Plot.frame({ stroke: '#d9dee8' }),
      Plot.dot(marks, {
        x: 'x',
        y: 'y',
        r: 'size',
        fill: (d: MapMark) => d.colours[0],
        fillOpacity: 0.9,
        stroke: '#1d2330',
        strokeOpacity: 0.5,
        title: 'title',
        href: (d: MapMark) => `#cluster-${d.clusterId}`,
      }),
    ],
  }) as unknown as DomNode;
  const byHref = new Map(marks.map((m) => [`#cluster-${m.clusterId}`, m]));
  for (const circle of Array.from(element.querySelectorAll('circle'))) {
    const mark = byHref.get(circle.parentNode?.getAttribute('href') ?? '');
    if (!mark) continue;
    circle.setAttribute('class', 'map-mark');
    circle.setAttribute('data-cluster', mark.clusterId);
    circle.setAttribute('data-colours', mark.colours.join(','));
    circle.setAttribute('fill', mark.colours[0]);
  }
  return TrustedSvg.fromElement('map', element);
}
