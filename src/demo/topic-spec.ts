/** The shape of one synthetic topic: templates, slot fillers and the ground truth that goes with it. */

export interface TopicSpec {
  /** Topic name written to the `topic` metadata field (the ground-truth cluster). */
  name: string;
  /** True when a request on this topic should be flagged (label 1 before label noise). */
  harmful: boolean;
  /**
   * Label category. For harmful topics, the category of a correct label; for benign topics, the category an
   * annotator would pick when label noise turns the label into 1.
   */
  category: string;
  /**
   * Optional slot whose values are written `category|text`: the category of the picked value overrides
   * `category` (fiction-framed requests span several categories).
   */
  categorySlot?: string;
  /** Relative frequency among conversations (0 = only used by planted conversations). */
  weight: number;
  /** Inclusive range of the `concern` metadata (1–5). */
  concern: readonly [number, number];
  /** First user message; `{slot}` placeholders are filled from `slots`, then from the shared slots. */
  templates: readonly string[];
  /** Later user messages in 3–4 turn conversations. */
  followUps: readonly string[];
  /** Assistant replies. */
  replies: readonly string[];
  /** Topic-specific slot fillers. */
  slots: Readonly<Record<string, readonly string[]>>;
}
