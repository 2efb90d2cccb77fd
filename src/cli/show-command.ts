/** `misfire show`: list the conversations of a cluster or pocket with a classifier's verdicts and the labels. */
import type { CommandModule, InferredOptionTypes, Options } from 'yargs';
import { showConversations } from '../api/show.js';
import type { Listing } from '../drilldown/listing.js';
import { listingCsv, listingJsonl } from '../drilldown/member-records.js';
import { listingTable } from '../drilldown/member-table.js';
import type { MemberKind } from '../drilldown/members.js';
import { exitCodesHelp, UNEXPECTED_ERROR_HELP } from './exit-codes-help.js';
import { oneText, oneWholeNumber } from './flag-values.js';

const FORMATS = ['table', 'jsonl', 'csv'] as const;
const KINDS = ['fp', 'fn', 'tp', 'tn', 'flagged'] as const;
/** Rows of the table when --limit is not given (jsonl and csv list every member). */
const TABLE_LIMIT = 25;

export const showOptions = {
  run: { type: 'string', coerce: oneText('--run'), demandOption: true, describe: 'A run folder written by `misfire run --out`.' },
  classifier: { type: 'string', coerce: oneText('--classifier'), demandOption: true, describe: 'Whose verdicts to show (a classifier of the run).' },
  cluster: { type: 'string', coerce: oneText('--cluster'), describe: 'A cluster id of any level, as the report shows it (L0-004; a parent lists its leaves\' members).' },
  pocket: {
    type: 'string',
    coerce: oneText('--pocket'),
    describe:
      'A pocket: its rank in the report\'s list with --kind fp or fn (--pocket 2 --kind fp = the second false-positive pocket, ' +
      'metrics.json pockets.false_positive), or the id of a pocket found among the errors (FP-1, FN-2).',
  },
  kind: {
    type: 'string',
    coerce: oneText('--kind'),
    choices: KINDS,
    defaultDescription: 'a pocket\'s own errors; all of a cluster',
    describe: 'Which members: false positives, false negatives, true positives, true negatives (these need labels), or the flagged ones.',
  },
  format: {
    type: 'string',
    coerce: oneText('--format'),
    choices: FORMATS,
    default: 'table',
    describe: 'table (for the terminal, a one-line preview of each request), jsonl (with the messages and metadata) or csv (fixed columns).',
  },
  limit: {
    type: 'string',
    coerce: oneWholeNumber('--limit'),
    defaultDescription: `${TABLE_LIMIT} for table, all for jsonl and csv`,
    describe: 'List at most N conversations (0 = all); the counts always cover every member.',
  },
} satisfies Record<string, Options>;

type ShowArgs = InferredOptionTypes<typeof showOptions>;

export const showCommand: CommandModule<object, ShowArgs> = {
  command: 'show',
  describe: 'List the conversations of a cluster or pocket (original text, verdict, score, label) for review on your own machine.',
  builder: (y) =>
    y
      .options(showOptions)
      .example('$0 show --run reports/demo --classifier keyword-v1 --pocket 1 --kind fp', 'the false positives of keyword-v1\'s first false-positive pocket')
      .example('$0 show --run reports/demo --classifier detector-v2 --pocket FN-1 --format jsonl > review.jsonl', 'the misses of a pocket found among the errors, for a review queue')
      .example('$0 show --run reports/demo --classifier keyword-v1 --cluster L1-002 --kind fp --format csv > hard-negatives.csv', 'hard negatives for training')
      .epilog(
        'Privacy: show is for the engineer\'s own machine. It prints the original conversation text, read from the inputs ' +
          'recorded in run.json (paths relative to the run folder, checked against their sha256); it writes nothing and never ' +
          'changes what a report shows (reports keep their privacy rules and never show raw text). Rows come in the run\'s ' +
          'order (assignments.csv); the csv columns are ' +
          'conversation_id,user_id,cluster_id,classifier,outcome,flagged,score,label,category,prompt,messages.\n' +
          exitCodesHelp({
            success: 'listed (also when no member is of the kind asked for)',
            usage:
              'usage or data error: unknown classifier, cluster or pocket, a --kind that needs labels on a run without them, ' +
              'an unreadable run, or a recorded input that is gone or changed since the run (the message names the file and field)',
            unexpected: UNEXPECTED_ERROR_HELP,
          }),
      ),
  handler: async (args) => {
    const format = (args.format ?? 'table') as (typeof FORMATS)[number];
    const limit = args.limit === undefined ? (format === 'table' ? TABLE_LIMIT : null) : args.limit === 0 ? null : args.limit;
    const listing = await showConversations({
      run: args.run,
      classifier: args.classifier,
      cluster: args.cluster ?? null,
      pocket: args.pocket ?? null,
      kind: (args.kind as MemberKind | undefined) ?? null,
      limit,
    });
    if (format === 'table') {
      process.stdout.write(listingTable(listing, process.stdout.columns || 100));
      return;
    }
    process.stdout.write(format === 'jsonl' ? listingJsonl(listing) : listingCsv(listing));
    process.stderr.write(`${summaryLine(listing)}\n`);
  },
};

/** What a jsonl or csv listing holds, on stderr, so stdout stays data. */
function summaryLine(listing: Listing): string {
  const kind = listing.kind === 'all' ? 'members' : `${listing.kind} members`;
  return `misfire show: ${listing.conversations.length} of ${listing.matching} ${kind} (${listing.members} in all) of ${listing.classifier} · ${listing.headline}`;
}
