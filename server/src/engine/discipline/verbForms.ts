/**
 * English verb forms for the `event-name-past-tense` rule: which words of a message name are
 * verbs, their past participles (irregular verbs, consonant doubling, -e and -y endings, British
 * and American spelling), and a name's words in its own style (PascalCase, camelCase, dot.case,
 * kebab-case, snake_case), so that `CreateShipment` can become `ShipmentCreated` and
 * `order.create` `order.created`.
 */

export type Spelling = 'british' | 'american';

/** Past participles that do not follow the rules. */
const IRREGULAR: Record<string, string> = {
  arise: 'arisen', awake: 'awoken', be: 'been', bear: 'borne', beat: 'beaten', become: 'become', begin: 'begun', bend: 'bent',
  bet: 'bet', bid: 'bid', bind: 'bound', bite: 'bitten', bleed: 'bled', blow: 'blown', break: 'broken', breed: 'bred',
  bring: 'brought', broadcast: 'broadcast', build: 'built', burst: 'burst', buy: 'bought', cast: 'cast', catch: 'caught',
  choose: 'chosen', cling: 'clung', come: 'come', cost: 'cost', creep: 'crept', cut: 'cut', deal: 'dealt', dig: 'dug',
  do: 'done', draw: 'drawn', drink: 'drunk', drive: 'driven', dwell: 'dwelt', eat: 'eaten', fall: 'fallen', feed: 'fed',
  feel: 'felt', fight: 'fought', find: 'found', flee: 'fled', fling: 'flung', fly: 'flown', forbid: 'forbidden',
  forecast: 'forecast', foresee: 'foreseen', forget: 'forgotten', forgive: 'forgiven', freeze: 'frozen', get: 'got',
  give: 'given', go: 'gone', grind: 'ground', grow: 'grown', hang: 'hung', have: 'had', hear: 'heard', hide: 'hidden',
  hit: 'hit', hold: 'held', hurt: 'hurt', input: 'input', keep: 'kept', kneel: 'knelt', know: 'known', lay: 'laid',
  lead: 'led', leave: 'left', lend: 'lent', let: 'let', light: 'lit', lose: 'lost', make: 'made', mean: 'meant', meet: 'met',
  mistake: 'mistaken', output: 'output', overcome: 'overcome', pay: 'paid', prove: 'proven', put: 'put', quit: 'quit',
  read: 'read', rid: 'rid', ride: 'ridden', ring: 'rung', rise: 'risen', run: 'run', say: 'said', see: 'seen', seek: 'sought',
  sell: 'sold', send: 'sent', set: 'set', sew: 'sewn', shake: 'shaken', shed: 'shed', shine: 'shone', shoot: 'shot',
  show: 'shown', shrink: 'shrunk', shut: 'shut', sing: 'sung', sink: 'sunk', sit: 'sat', sleep: 'slept', slide: 'slid',
  slit: 'slit', speak: 'spoken', speed: 'sped', spend: 'spent', spin: 'spun', spit: 'spat', split: 'split', spread: 'spread',
  spring: 'sprung', stand: 'stood', steal: 'stolen', stick: 'stuck', sting: 'stung', strike: 'struck', string: 'strung',
  strive: 'striven', swear: 'sworn', sweep: 'swept', swell: 'swollen', swim: 'swum', swing: 'swung', take: 'taken',
  teach: 'taught', tear: 'torn', tell: 'told', think: 'thought', throw: 'thrown', thrust: 'thrust', tread: 'trodden',
  wake: 'woken', wear: 'worn', weave: 'woven', weep: 'wept', win: 'won', wind: 'wound', write: 'written',
  withdraw: 'withdrawn', withhold: 'withheld', withstand: 'withstood', forgo: 'forgone', mislay: 'mislaid',
  // Regular, although a prefix seems to make them irregular (de-lay, re-lay).
  delay: 'delayed', relay: 'relayed', delight: 'delighted', replay: 'replayed', display: 'displayed',
};

/** Irregular verbs that keep their forms under a prefix (`resend` → `resent`, `override` → `overridden`). */
const PREFIXABLE_IRREGULAR = new Set(['bind', 'build', 'come', 'cut', 'do', 'draw', 'get', 'give', 'go', 'hold', 'lead', 'make', 'pay', 'put', 'read', 'ride', 'run', 'see', 'sell', 'send', 'set', 'shake', 'stand', 'take', 'tell', 'throw', 'wind', 'write']);

/** Verbs of more than one syllable that double their last consonant (stress on the last syllable). */
const DOUBLING = new Set([
  'abet', 'acquit', 'admit', 'commit', 'compel', 'concur', 'confer', 'control', 'defer', 'deter', 'emit', 'enrol', 'equip',
  'excel', 'expel', 'extol', 'format', 'handicap', 'incur', 'infer', 'kidnap', 'occur', 'omit', 'outwit', 'patrol', 'permit',
  'prefer', 'program', 'propel', 'rebel', 'rebut', 'recur', 'refer', 'regret', 'remit', 'repel', 'submit', 'transfer',
  'transmit', 'distil', 'fulfil', 'instil',
]);

/** Verbs ending in -l after a single vowel that double it in British spelling only (cancelled / canceled). */
const BRITISH_L = new Set([
  'annul', 'barrel', 'cancel', 'channel', 'counsel', 'dial', 'duel', 'equal', 'fuel', 'funnel', 'gravel', 'initial', 'jewel',
  'label', 'level', 'libel', 'marshal', 'model', 'panel', 'parcel', 'pedal', 'pencil', 'quarrel', 'rival', 'shovel', 'signal',
  'snorkel', 'spiral', 'total', 'towel', 'travel', 'tunnel', 'unravel', 'yodel',
]);

/** Verbs ending in -c that take -ked. */
const C_TO_CK = new Set(['frolic', 'mimic', 'panic', 'picnic', 'traffic']);

/**
 * Verbs that name what a message asks for or reports. A word outside this list is never read as
 * a verb (a name made only of nouns is not a command), so the list favours precision; the rule's
 * `verbs` option adds to it.
 */
const VERBS = `
abort accept accrue acknowledge acquire activate add adjust adopt advance alert align allocate allow amend analyse
analyze annul append apply approve archive arm arrive assemble assess assign attach attempt audit authenticate
authorise authorize award backup ban bill bind block book boot bounce broadcast bump buy calculate calibrate call
cancel cap capture carry cast catch change charge check choose claim clamp classify clean clear clone close collapse
collect combine commence commit compensate compile complete compress compute configure confirm connect consent consume
contact convert copy correct count crash crawl create credit cut deactivate debit debounce decide declare decline
decommission decrease decrypt deduct defer define delay delegate delete deliver deny deploy deposit deprecate
deregister describe design destroy detach detect determine dim disable disarm discard disconnect discover dismiss
dispatch dispense dispose dispute distribute divide download downvote draft drain drop dump duplicate edit eject elect
eliminate embed emit enable encode encrypt end engage enlist enqueue enrich enrol enroll ensure enter erase escalate
estimate evaluate evict exchange exclude execute exit expand expect expire export expose extend extract fail file fill
finalise finalize find finish fire fix flag flush follow fork format forward free freeze fulfil fulfill gain generate
give grade grant handle hash hide hire hold identify ignore import impose improve include increase increment index
inform ingest initialise initialize initiate insert inspect install instantiate integrate interrupt invalidate invert
investigate invite invoice issue join jump keep kill land launch lease leave lend like limit link list load lock lodge
log lose make manage map mark mask match measure meet mention merge migrate mint miss modify monitor mount move mute
negotiate nominate normalise normalize note notify observe obtain offer omit onboard open operate opt optimise
optimize order override overwrite own pack park parse pass patch pause pay perform permit persist pick pin ping place
plan play poll populate post prepare print prioritise prioritize probe proceed process produce promise promote propose
protect provide provision prune publish purchase purge push put qualify queue quote raise rank rate reach read
rebalance rebook recalculate recall receive recognise recognize recommend reconcile record recover redact redeem
redirect reduce refill refresh refund register reindex reinstate reject relabel relay release reload relocate remind
remove rename renew rent reorder repair repeat replace replay replenish replicate reply report request rerun
reschedule resend reserve reset reshuffle resize resolve respond restart restock restore restrict resume retain retire
retrieve retry return reverse review revise revoke reward roll rollback rotate route run sanitise sanitize save scale
scan schedule score seal search secure select sell send serialise serialize serve set settle share shift ship shorten
show shut sign sit size skip slice snapshot snooze solve sort spawn specify split stage stamp star start stash steal
stock stop store stream strip submit subscribe suggest summarise summarize supply support suspend swap switch sync tag
tally target teach tell terminate test throttle throw tick time toggle top trace track trade train transcode transfer
transform transition translate trigger trim truncate trust turn unarchive unassign unban unblock undo unfollow
unfreeze unlike unlink unload unlock unmark unmute unpack unpin unpublish unregister unset unshare unstar unsubscribe
unwatch update upgrade upload upsell upsert upvote use vacate validate verify vet visit void vote wait waive wake warn
watch wipe withdraw withhold wrap write zip
`;

/**
 * Verbs that are at least as often nouns in message names (`ChatMessage`, `OrderLine`,
 * `SalesReport`): they are not read as verbs in a name, so `OrderSnapshot` is not a command.
 * A command named with one of them (`ReportIncident`) needs `x-event-kind` or `commandPatterns`;
 * the rule's `nouns` option adds to the list.
 */
const NOUNISH = new Set(
  `alert attempt audit award backup bill block book boot call cap check claim contact count crash credit debit deposit
design display dispute draft dump estimate exchange exit file fire flag handle hash hold index invoice issue lease
limit link list log map mark mask match note offer order pass pin ping plan post quote rate record rent reply report
request return review reward roll run scale schedule score share shift show sign size slice snapshot stage stamp
star stock store stream supply support switch tag target test tick time top trace track trade train transition trust
vote watch wrap zip`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

/** Words after which a name's object ends (`AddItemToCart`: the item is added, to the cart). */
const PREPOSITIONS = new Set(['about', 'at', 'by', 'for', 'from', 'into', 'of', 'to', 'via', 'with']);

/** Words that name a message a command, left out of the fact's name. */
const COMMAND_WORDS = new Set(['command', 'cmd', 'request', 'req']);

/** Words that join a verb in a phrasal verb (`sign up`, `turn on`, `check out`). */
const PARTICLES = new Set(['on', 'off', 'up', 'down', 'in', 'out', 'over', 'back', 'away']);

/** Verbs written as one word in names, whose participles are two (`login` → `logged in`). */
const COMPOUND_VERBS: Record<string, [string, string]> = {
  login: ['log', 'in'], logout: ['log', 'out'], logon: ['log', 'on'], logoff: ['log', 'off'], signin: ['sign', 'in'],
  signout: ['sign', 'out'], signup: ['sign', 'up'], checkin: ['check', 'in'], checkout: ['check', 'out'],
  rollback: ['roll', 'back'], rollout: ['roll', 'out'], startup: ['start', 'up'], shutdown: ['shut', 'down'],
  setup: ['set', 'up'], cleanup: ['clean', 'up'], pickup: ['pick', 'up'], lookup: ['look', 'up'],
};

/** Prefixes that keep a verb a verb (`reopen`, `unsubscribe`, `resend` → `resent`). */
const PREFIXES = ['auto', 'cross', 'inter', 'over', 'under', 'out', 'pre', 'mis', 'dis', 'sub', 're', 'un', 'de', 'co', 'up'];

/** Base forms ending in -ed that are not participles. */
const ED_BASES = new Set(['bed', 'breed', 'deed', 'embed', 'exceed', 'feed', 'greed', 'heed', 'need', 'proceed', 'red', 'reed', 'seed', 'shed', 'shred', 'sled', 'speed', 'succeed', 'weed', 'bleed', 'steed']);

/** Participles that look like base forms, to read `MessageRead` and `PasswordReset` as facts. */
const SAME_FORM = new Set(Object.entries(IRREGULAR).filter(([base, past]) => base === past).map(([base]) => base));
const IRREGULAR_PARTICIPLES = new Set(Object.values(IRREGULAR));

const VERB_SET = new Set(VERBS.split(/\s+/).filter((word) => word.length > 0));

/** Nouns that look like a prefix and a verb. */
const PREFIXED_NOUNS = new Set(['downtime', 'income', 'inset', 'outcome', 'outset', 'overtime', 'subset', 'upstream']);

/** What the caller adds to the built-in lists (the rule's options). */
export interface VerbOptions {
  spelling?: Spelling;
  /** Extra verbs, each with its past participle when it is irregular (`{ reindex: reindexed }`). */
  verbs?: Record<string, string | undefined>;
  /** Words never to read as verbs. */
  nouns?: readonly string[];
}

/** Whether a lower-case word is a verb the tables (and the options) know, and not one read as a noun. */
export function isVerb(word: string, options: VerbOptions = {}): boolean {
  if (options.nouns?.includes(word)) return false;
  if (options.verbs && Object.prototype.hasOwnProperty.call(options.verbs, word)) return true;
  if (NOUNISH.has(word)) return false;
  if (VERB_SET.has(word) || word in COMPOUND_VERBS) return true;
  if (PREFIXED_NOUNS.has(word)) return false;
  const prefix = PREFIXES.find((candidate) => word.startsWith(candidate) && isRoot(word.slice(candidate.length)));
  return !!prefix && !NOUNISH.has(word.slice(prefix.length));
}

/** The past participle of a lower-case verb: `send` → `sent`, `ship` → `shipped`, `cancel` → `cancelled`. */
export function pastParticiple(verb: string, options: VerbOptions = {}): string {
  const custom = options.verbs?.[verb];
  if (typeof custom === 'string' && custom.length > 0) return custom.toLowerCase();
  const spelling = options.spelling ?? 'british';
  if (verb in IRREGULAR) return IRREGULAR[verb]!;
  if (verb in COMPOUND_VERBS) {
    const [head, particle] = COMPOUND_VERBS[verb]!;
    return pastParticiple(head, options) + particle;
  }
  if (!DOUBLING.has(verb) && !BRITISH_L.has(verb) && !PREFIXED_NOUNS.has(verb)) {
    // `unpin` → `unpinned`, `resend` → `resent`, `reopen` → `reopened`: the root decides.
    const prefix = PREFIXES.find((candidate) => verb.startsWith(candidate) && (isRoot(verb.slice(candidate.length)) || DOUBLING.has(verb.slice(candidate.length)) || BRITISH_L.has(verb.slice(candidate.length))));
    if (prefix) return prefix + pastParticiple(verb.slice(prefix.length), options);
  }
  return regularPast(verb, spelling);
}

/** The part after a prefix that makes a prefixed word a verb (`open` in `reopen`). */
function isRoot(rest: string) {
  return PREFIXABLE_IRREGULAR.has(rest) || (rest.length >= 3 && VERB_SET.has(rest));
}

function regularPast(verb: string, spelling: Spelling): string {
  const last = verb[verb.length - 1]!;
  if (verb.endsWith('e')) return verb + 'd';
  if (/[^aeiou]y$/.test(verb)) return verb.slice(0, -1) + 'ied';
  if (C_TO_CK.has(verb)) return verb + 'ked';
  if (DOUBLING.has(verb)) return verb + last + 'ed';
  if (BRITISH_L.has(verb)) return spelling === 'british' ? verb + 'led' : verb + 'ed';
  // One syllable ending in a single vowel and a single consonant doubles it: stop → stopped,
  // plan → planned, quiz → quizzed (the u of qu is not a vowel there).
  if (syllables(verb) === 1 && /(^|[^aeiou])[aeiou][^aeiouwxy]$/.test(verb.replace(/^qu/, 'q'))) return verb + last + 'ed';
  return verb + 'ed';
}

/** Vowel groups, a good enough syllable count for the doubling rule (a final silent e is not one). */
function syllables(word: string): number {
  const groups = word.replace(/e$/, '').replace(/^qu/, 'q').match(/[aeiouy]+/g);
  return groups ? groups.length : 1;
}

/** True for a word that reads as a participle or a state reached: `placed`, `sent`, `paid`, `shipped`. */
export function isParticiple(word: string): boolean {
  if (IRREGULAR_PARTICIPLES.has(word)) return true;
  if (word.length >= 4 && word.endsWith('ed') && !ED_BASES.has(word)) return true;
  return false;
}

// --- names ------------------------------------------------------------------------------------

/** How the words of a name are written. */
export type NameStyle = 'pascal' | 'camel' | 'dot' | 'kebab' | 'snake' | 'single';

/** One word of a name, as written and in lower case. */
export interface NameWord {
  text: string;
  lower: string;
}

/**
 * A name cut into what stays (a namespace prefix such as `com.example.orders.`, a version suffix
 * such as `.v1` or `V2`) and its core words, with the style they are written in.
 */
export interface NameParts {
  prefix: string;
  words: NameWord[];
  style: NameStyle;
  /** For separated styles: `lower`, `upper` or `capitalized` words. */
  casing: 'lower' | 'upper' | 'capitalized' | 'mixed';
  suffix: string;
}

const VERSION_SUFFIX = /([._-]?[vV]\d+(?:[._]\d+)*|[._-]\d+)$/;

export function splitName(name: string): NameParts {
  let rest = name;
  const version = VERSION_SUFFIX.exec(rest);
  let suffix = '';
  if (version && version.index > 0) {
    suffix = version[0];
    rest = rest.slice(0, version.index);
  }
  let prefix = '';
  // A namespace (`com.example.orders.`, `orders/`, `urn:x:`) before a compound last segment.
  const hierarchy = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('/'), rest.lastIndexOf(':'));
  if (hierarchy > 0) {
    const last = rest.slice(hierarchy + 1);
    if (wordsOf(last).length > 1) {
      prefix = rest.slice(0, hierarchy + 1);
      rest = last;
    }
  }
  const style: NameStyle = /[./:]/.test(rest) ? 'dot' : rest.includes('-') ? 'kebab' : rest.includes('_') ? 'snake' : wordsOf(rest).length <= 1 ? 'single' : /^[A-Z]/.test(rest) ? 'pascal' : 'camel';
  const words = wordsOf(rest).map((text) => ({ text, lower: text.toLowerCase() }));
  const casings = new Set(words.map((word) => (word.text === word.lower ? 'lower' : word.text === word.text.toUpperCase() && word.text.length > 1 ? 'upper' : /^[A-Z][a-z0-9]*$/.test(word.text) ? 'capitalized' : 'mixed')));
  const casing = casings.size === 1 ? ([...casings][0] as NameParts['casing']) : 'mixed';
  return { prefix, words, style, casing, suffix };
}

/** The words of a name segment: split at separators and at case changes (`HTTPRequest` → HTTP, Request). */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s._\-/:]+/)
    .filter((word) => word.length > 0);
}

/** Writes words back in a name's style: the words are lower case, acronyms as written. */
export function joinName(parts: NameParts, words: NameWord[]): string {
  const acronym = (word: NameWord) => word.text.length > 1 && word.text === word.text.toUpperCase() && /[A-Z]/.test(word.text);
  const capitalized = (word: NameWord) => (acronym(word) ? word.text : word.lower.charAt(0).toUpperCase() + word.lower.slice(1));
  let core: string;
  switch (parts.style) {
    case 'pascal':
      core = words.map(capitalized).join('');
      break;
    case 'camel':
      core = words.map((word, index) => (index === 0 ? word.lower : capitalized(word))).join('');
      break;
    case 'single': {
      const original = parts.words[0]?.text ?? '';
      const word = words.map((item) => item.lower).join('');
      core = original === original.toUpperCase() && original.length > 1 ? word.toUpperCase() : /^[A-Z]/.test(original) ? words.map(capitalized).join('') : words.map((item, index) => (index === 0 ? item.lower : capitalized(item))).join('');
      break;
    }
    default: {
      const separator = parts.style === 'dot' ? '.' : parts.style === 'kebab' ? '-' : '_';
      const cased = words.map((word) => (parts.casing === 'upper' ? word.lower.toUpperCase() : parts.casing === 'capitalized' ? capitalized(word) : parts.casing === 'lower' ? word.lower : acronym(word) ? word.text : word.lower));
      core = cased.join(separator);
    }
  }
  return parts.prefix + core + parts.suffix;
}

/** How a name reads. */
export type NameReading =
  | { kind: 'fact' }
  | { kind: 'neutral' }
  | { kind: 'command'; verb: string; position: 'start' | 'end' | 'only'; suggestion: string };

/**
 * Reads a message name: a fact (a participle: `OrderPlaced`, `payment-captured`, `MessageRead`),
 * a command (a verb first, `CreateShipment`, `send-email`; or last, `order.create`,
 * `channelArchive`), or neither (`OrderSnapshot`, `heartbeat`). For a command, the name of the
 * fact in the same style: the object first and the verb's participle after it.
 */
export function readName(name: string, options: VerbOptions = {}): NameReading {
  const parts = splitName(name);
  const words = parts.words;
  if (words.length === 0) return { kind: 'neutral' };
  const lower = words.map((word) => word.lower);
  // A participle anywhere is a fact; a same-form participle first (`ReadMessage`, `ResetPassword`) is an imperative.
  if (lower.some((word, index) => isParticiple(word) && !(index === 0 && lower.length > 1 && SAME_FORM.has(word)))) return { kind: 'fact' };
  const make = (words: NameWord[]) => joinName(parts, words);
  const participleWords = (verb: string): NameWord[] => {
    if (verb in COMPOUND_VERBS && !options.verbs?.[verb]) {
      const [head, particle] = COMPOUND_VERBS[verb]!;
      return [word(pastParticiple(head, options)), word(particle)];
    }
    return [word(pastParticiple(verb, options))];
  };
  const first = lower[0]!;
  if (isVerb(first, options)) {
    // `CreateShipment` → `ShipmentCreated`, `SignUpUser` → `UserSignedUp`, `TurnOnOff` →
    // `TurnedOnOff`, `AddItemToCart` → `ItemAddedToCart`, `WaitForApproval` → `WaitedForApproval`.
    let end = 1;
    while (end < words.length && PARTICLES.has(lower[end]!)) end++;
    let tail = end;
    while (tail < words.length && !PREPOSITIONS.has(lower[tail]!)) tail++;
    // What marks a command is not part of the fact: `CreateShipmentCommand` → `ShipmentCreated`.
    let objectEnd = tail;
    while (objectEnd > end + 1 && COMMAND_WORDS.has(lower[objectEnd - 1]!)) objectEnd--;
    const verbPhrase = [...participleWords(first), ...words.slice(1, end)];
    const suggestion = make([...words.slice(end, objectEnd), ...verbPhrase, ...words.slice(tail)]);
    if (suggestion !== name) return { kind: 'command', verb: first, position: words.length === 1 ? 'only' : 'start', suggestion };
  }
  // `order.create`, `ChannelArchive`, `user-sign-up`: the verb (with its particle) comes last.
  const lastIndex = PARTICLES.has(lower[lower.length - 1]!) && lower.length >= 2 ? lower.length - 2 : lower.length - 1;
  const last = lower[lastIndex]!;
  if (lower.length >= 2 && lastIndex >= 1 && isVerb(last, options)) {
    const replaced = [...words.slice(0, lastIndex), ...participleWords(last), ...words.slice(lastIndex + 1)];
    const suggestion = make(replaced);
    if (suggestion !== name) return { kind: 'command', verb: last, position: 'end', suggestion };
  }
  return { kind: 'neutral' };
}

function word(lower: string): NameWord {
  return { text: lower, lower };
}
