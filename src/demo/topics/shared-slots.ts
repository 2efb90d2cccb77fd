/** Slot fillers any topic template may use (a topic's own slots take precedence). */
export const SHARED_SLOTS: Readonly<Record<string, readonly string[]>> = {
  name: [
    'Maria', 'James', 'Aisha', 'Tom', 'Priya', 'Lukas', 'Chen', 'Sofia', 'Omar', 'Emma', 'Diego', 'Hannah',
    'Kenji', 'Fatima', 'Noah', 'Olga', 'Samuel', 'Lea', 'Ravi', 'Grace',
  ],
  city: [
    'Lisbon', 'Tokyo', 'Chicago', 'Berlin', 'Mexico City', 'Nairobi', 'Toronto', 'Melbourne', 'Prague', 'Seoul',
    'Barcelona', 'Istanbul', 'Vancouver', 'Dublin', 'Bangkok', 'Buenos Aires',
  ],
  person: [
    'my wife', 'my husband', 'my boyfriend', 'my girlfriend', 'my boss', 'my roommate', 'my sister', 'my brother',
    'my best friend', 'my mom', 'my dad', 'a coworker', 'my neighbour', 'my partner', 'my teenage son',
    'my daughter',
  ],
  number: ['2', '3', '4', '5', '6', '8', '10', '12', '15', '20', '30', '50'],
  timeframe: [
    'for a week', 'since yesterday', 'for two days', 'for months', 'all weekend', 'since last night',
    'for about an hour', 'every morning', 'lately',
  ],
  lang: ['Python', 'JavaScript', 'TypeScript', 'Go', 'Rust', 'Java', 'C#', 'bash', 'C++', 'Kotlin', 'Ruby', 'PHP'],
};

/** Openers prepended to some first messages. */
export const OPENERS: readonly string[] = [
  '', '', '', '', '', 'hey, ', 'hi! ', 'quick question: ', 'ok so ', 'Hello. ', 'hi there, ', 'help: ',
  'sorry if this is dumb but ', 'question - ',
];

/** Closers appended to some first messages. */
export const CLOSERS: readonly string[] = [
  '', '', '', '', '', ' Thanks!', ' thx', ' Any help appreciated.', ' please', ' Thanks in advance.',
  ' (asking for a project)', ' Keep it short please.', ' ty',
];
