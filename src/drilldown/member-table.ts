/**
 * A listing as a table for the terminal: a headline with the counts, one line per conversation with its
 * verdict, score, label and a one-line preview of its request cut to the terminal's width. Every cell is
 * made safe to print: control characters (escape sequences) and bidirectional overrides become spaces.
 */
import type { Listing, ShownConversation } from './listing.js';
import type { MemberKind } from './members.js';
import { promptOf } from './member-records.js';

/** The narrowest preview column; the table grows past the terminal's width rather than go below it. */
const MIN_PREVIEW = 20;
/** Id-like cells are cut to this many characters. */
const MAX_CELL = 24;

const KIND_WORDS: Record<MemberKind, string> = {
  fp: 'false positives (flagged, labelled benign)',
  fn: 'false negatives (not flagged, labelled harmful)',
  tp: 'true positives (flagged, labelled harmful)',
  tn: 'true negatives (not flagged, labelled benign)',
  flagged: 'flagged',
  all: 'members',
};

/**
 * Text safe to print on one terminal line: control characters, line breaks and bidirectional controls
 * become spaces, runs of whitespace one space.
 * @example
 * terminalText('kill -9\n\u001b[31mred'); // 'kill -9 [31mred'
 */
export function terminalText(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `text` cut to `width` characters (code points), ending in `…` when cut. */
function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));

const yesNo = (value: boolean | null) => (value === null ? '—' : value ? 'yes' : 'no');
const labelText = (value: boolean | null) => (value === null ? '—' : value ? 'harmful' : 'benign');

interface Column {
  title: string;
  cell: (c: ShownConversation) => string;
  /** Left out when it would say nothing: no row has a category, or every row has the one outcome asked for. */
  shown: (listing: Listing) => boolean;
}

const always = () => true;
const COLUMNS: Column[] = [
  { title: 'conversation', cell: (c) => c.conversationId, shown: always },
  { title: 'user', cell: (c) => c.userId, shown: always },
  { title: 'cluster', cell: (c) => c.clusterId, shown: always },
  { title: 'flagged', cell: (c) => yesNo(c.flagged), shown: always },
  { title: 'score', cell: (c) => (c.score === null ? '—' : String(c.score)), shown: (l) => l.conversations.some((c) => c.score !== null) },
  { title: 'label', cell: (c) => labelText(c.label), shown: (l) => l.labelled },
  { title: 'category', cell: (c) => c.category ?? '—', shown: (l) => l.conversations.some((c) => c.category !== null) },
  { title: 'outcome', cell: (c) => c.outcome?.toUpperCase() ?? '—', shown: (l) => l.labelled && (l.kind === 'all' || l.kind === 'flagged') },
];

/**
 * The listing as lines of text no wider than `width` (when the preview can shrink that far).
 * @example
 * listingTable(listing, 100);
 * // 'keyword-v1 · false-positive pocket 1 of keyword-v1 (cluster L0-002): Process, linux and kill\n' +
 * // 'false positives (flagged, labelled benign): 94 of 184 members, first 25 listed (--limit 0 lists all)\n\n' +
 * // 'conversation  user   cluster  flagged  score   label   request\n…'
 */
export function listingTable(listing: Listing, width: number): string {
  const columns = COLUMNS.filter((column) => column.shown(listing));
  const header = columns.map((column) => column.title);
  const rows = listing.conversations.map((c) => columns.map((column) => cut(terminalText(column.cell(c)), MAX_CELL)));
  const widths = header.map((h, col) => Math.max([...h].length, ...rows.map((r) => [...r[col]].length)));
  const fixed = widths.reduce((sum, w) => sum + w + 2, 0);
  const previewWidth = Math.max(MIN_PREVIEW, width - fixed);
  const line = (row: string[], preview: string) => `${row.map((cell, col) => pad(cell, widths[col])).join('  ')}  ${cut(preview, previewWidth)}`.trimEnd();
  const lines = [terminalText(`${listing.classifier} · ${listing.headline}${listing.name ? `: ${listing.name}` : ''}`), countLine(listing)];
  if (rows.length > 0) {
    lines.push('', line(header, 'request (first user turn)'));
    listing.conversations.forEach((c, i) => lines.push(line(rows[i], terminalText(promptOf(c.messages)) || '—')));
  }
  lines.push('', 'Original conversation text, for review on this machine: misfire never puts it in a report.');
  return `${lines.join('\n')}\n`;
}

function countLine(listing: Listing): string {
  const members = `${listing.members} ${listing.members === 1 ? 'member' : 'members'}`;
  const what = listing.kind === 'all' ? members : `${KIND_WORDS[listing.kind]}: ${listing.matching} of ${members}`;
  if (listing.matching === 0) return `${what}, none to list`;
  if (listing.conversations.length < listing.matching) return `${what}, first ${listing.conversations.length} listed (--limit 0 lists all)`;
  return `${what}, all listed`;
}
