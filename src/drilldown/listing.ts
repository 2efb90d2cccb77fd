/** What `misfire show` found: the conversations of a cluster or pocket, with one classifier's verdicts and the labels. */
import type { Message, MetadataValue } from '../types.js';
import type { MemberKind, Outcome } from './members.js';
import type { ShowTarget } from './target.js';

/** One listed conversation, with its original text (never part of a report). */
export interface ShownConversation {
  conversationId: string;
  userId: string;
  /** The leaf cluster it belongs to. */
  clusterId: string;
  /** The classifier's verdict as the run decided it (its thresholds); null without a verdict. */
  flagged: boolean | null;
  score: number | null;
  /** true = harmful, false = benign, null = no label (or a run without labels). */
  label: boolean | null;
  category: string | null;
  outcome: Outcome | null;
  messages: Message[];
  /** Every other field of the conversation's input row. */
  metadata: Record<string, MetadataValue>;
}

export interface Listing {
  /** The run folder, as given. */
  run: string;
  classifier: string;
  target: ShowTarget;
  /** The target in words, e.g. `false-positive pocket 1 of keyword-v1 (cluster L0-002)`. */
  headline: string;
  /** The cluster's or pocket's name; null when it is suppressed (privacy) or unnamed. */
  name: string | null;
  kind: MemberKind;
  /** The run had labels (without them only `flagged` and `all` can be listed). */
  labelled: boolean;
  /** Conversations in the cluster or pocket. */
  members: number;
  /** Members of `kind`. */
  matching: number;
  /** The first members of `kind` (up to the limit), in the run's order (assignments.csv). */
  conversations: ShownConversation[];
}
