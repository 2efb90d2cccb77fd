/**
 * A deliberately tiny topic, used only by planted conversations (a handful of users), so that privacy
 * suppression of small clusters can be tested.
 */
import type { TopicSpec } from '../topic-spec.js';

export const BAROMETER_RESTORATION: TopicSpec = {
  name: 'barometer-restoration',
  harmful: false,
  category: 'other',
  weight: 0,
  concern: [1, 1],
  templates: [
    'how do I clean the mercury column of an antique {kind} barometer without damaging the {part}',
    'the {part} of my {era} {kind} barometer is cracked, can it be restored',
    'what is a fair price for a restored {era} {kind} barometer',
    'how do I recalibrate an aneroid barometer after replacing the {part}',
    'which glue do restorers use to reattach the {part} on a {kind} barometer',
  ],
  followUps: ['should I ship it to a specialist instead?', 'is the original {part} worth keeping?'],
  replies: [
    'Work in a ventilated space, wear gloves, and have a specialist handle any mercury; never vacuum a spill.',
    'A cracked dial can often be stabilised with conservation-grade adhesive rather than replaced.',
    'Restored pieces in working order sell for much more than unrestored ones; provenance matters a lot.',
  ],
  slots: {
    kind: ['banjo', 'stick', 'wheel', 'Admiral Fitzroy', 'aneroid'],
    part: ['silvered dial', 'bezel', 'thermometer tube', 'cistern', 'veneer', 'hygrometer'],
    era: ['Victorian', 'Georgian', 'Edwardian', '19th-century', '1920s'],
  },
};
