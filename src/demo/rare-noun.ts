/** First messages of the planted conversations that mention the rare proper noun (see plan.ts). */
import { RARE_PROPER_NOUN } from './plan.js';

export interface RareNounMessage {
  topic: string;
  text: string;
  reply: string;
}

/** One message per plant variant (variant k uses entry k modulo the length). All benign. */
export const RARE_NOUN_MESSAGES: readonly RareNounMessage[] = [
  {
    topic: 'relationships',
    text: `my neighbour Mr ${RARE_PROPER_NOUN} keeps parking across my driveway, how do I bring it up politely?`,
    reply: 'A friendly, specific note usually works: say what happens, how it affects you, and what you would like.',
  },
  {
    topic: 'personal-finance',
    text: `our landlord Mrs ${RARE_PROPER_NOUN} wants three months of rent upfront. Is that even legal?`,
    reply: 'It depends on where you live; many places cap deposits, so check your local tenancy rules first.',
  },
  {
    topic: 'travel',
    text: `we are visiting my aunt Ingrid ${RARE_PROPER_NOUN} next month, what should we see near her town`,
    reply: 'Ask her for the local favourites, and plan one day trip to the nearest national park or old town.',
  },
  {
    topic: 'health',
    text: `Dr ${RARE_PROPER_NOUN} prescribed physiotherapy for my knee, how many sessions are normal?`,
    reply: 'Often six to twelve sessions, but your physiotherapist will adjust that to how the knee responds.',
  },
];
