/** Shapes of the report's slices section (slices-view.ts). Plain text (templates escape it) and checked charts. */
import type { TrustedSvg } from './charts/trusted-svg.js';
import type { PocketRateCells } from './pocket-rate-cells.js';
import type { RateCell } from './view-types.js';

/** One shown slice of a field: its value (× cluster) and every classifier's rates, in the explorer's column order. */
export interface SliceRowView {
  sliceId: string;
  /** Element id of the row (`slice-S1-000`), the target of the forest plot's dots and the pocket lists. */
  anchor: string;
  name: string;
  /** Cross slices: the cluster (linked to its details); else null. */
  clusterId: string | null;
  size: string;
  users: string;
  rates: RateCell[];
}

/** One slicing field (or field × cluster level). */
export interface SliceFieldView {
  dimensionId: string;
  anchor: string;
  title: string;
  /** Where the values come from, in words. */
  source: string;
  /** `3 values: 3 shown, 0 suppressed`. */
  counts: string;
  suppressedNote: string | null;
  rows: SliceRowView[];
  moreText: string | null;
  /** The forest plot of the field's shown slices, per classifier and rate with a pocket here (pockets red, the rest grey). */
  forests: { classifier: string; rateName: 'FPR' | 'FNR'; chart: TrustedSvg }[];
}

/** A slice pocket as the per-classifier lists show it. */
export interface SlicePocketRow extends PocketRateCells {
  sliceId: string;
  anchor: string;
  /** `channel = api`, `channel = api × <cluster name>`. */
  name: string;
}

export interface SlicesView {
  /** How the fields were chosen, in words. */
  chosenBy: string;
  /** The privacy rule for values, in words. */
  privacy: string;
  fields: SliceFieldView[];
  /** Labelled mode: each classifier's slice pockets (most excess errors first); empty without labels. */
  classifiers: { index: number; name: string; fp: SlicePocketList; fn: SlicePocketList }[];
}

/** One classifier's slice pockets of one kind. */
export interface SlicePocketList {
  rows: SlicePocketRow[];
  /** Pockets in metrics.json. */
  total: number;
  /** `2 pockets, most excess errors first` or `3 pockets, 2 listed, …`. */
  countText: string;
  rateName: 'FPR' | 'FNR';
}
