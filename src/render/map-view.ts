/** The cluster map's view: leaf centroids projected to 2D, one mark per unsuppressed leaf cluster. */
import type { ClusterRecord } from '../artifacts/cluster-record.js';
import { clusterId } from '../clustering/hierarchy.js';
import { unitRows } from '../clustering/vector-math.js';
import { clusterMap, type MapMark } from './charts/cluster-map.js';
import { displayName } from './cluster-lookup.js';
import { pca2d } from './pca.js';
import { ratesOf, type RateSpec } from './cluster-table.js';
import type { MapView, RateColumn } from './view-types.js';

/** Leaf centroids as saved in model/centroids.bin: (k × dim) row-major, row i = cluster `L0-i`. */
export interface LeafCentroids {
  k: number;
  dim: number;
  data: ArrayLike<number>;
}

export function mapView(centroids: LeafCentroids | null, clusters: readonly ClusterRecord[], specs: readonly RateSpec[], columns: readonly RateColumn[]): MapView | null {
  if (!centroids || centroids.k === 0 || specs.length === 0 || centroids.data.length < centroids.k * centroids.dim) return null;
  // Unit rows: embeddings compare by angle, and a diffuse cluster's centroid is short, so unscaled PCA
  // would be dominated by a few long centroids and crowd the rest into one spot.
  const points = pca2d(unitRows(centroids.data, centroids.k, centroids.dim), centroids.k, centroids.dim);
  const byId = new Map(clusters.map((c) => [c.cluster_id, c]));
  const marks: MapMark[] = [];
  points.forEach((p, index) => {
    const id = clusterId(0, index);
    const record = byId.get(id);
    if (!record || record.suppressed || record.level !== 0) return;
    const rates = ratesOf(id, specs);
    marks.push({
      clusterId: id,
      name: displayName(record, id),
      x: p.x,
      y: p.y,
      size: record.size,
      colours: rates.map((r) => r.colour),
      title: [`${displayName(record, id)} (${id})`, `n = ${record.size}`, ...rates.map((r, i) => `${columns[i].classifier} ${columns[i].metric}: ${r.text}`)].join('\n'),
    });
  });
  if (marks.length === 0) return null;
  return {
    svg: clusterMap(marks),
    options: columns.map((c) => ({ value: c.index, label: `${c.classifier} · ${c.metric}` })),
    marks: marks.length,
  };
}
