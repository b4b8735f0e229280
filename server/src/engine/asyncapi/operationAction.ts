import type { JsonPath } from '../text/paths';

/**
 * AsyncAPI 3 says what an operation does from the application's own side (`send`, `receive`);
 * 2.x said `publish`/`subscribe` from the *client's* side, so a 2.x `publish` operation was one
 * where the application receives. People migrating write the old words, and the likelier
 * correction depends on which reading they meant: the operation's name usually tells.
 */
export type OperationAction = 'send' | 'receive';

/** What the 2.x word meant for the application. */
const LEGACY_MEANING: Record<string, OperationAction> = { publish: 'receive', subscribe: 'send' };

/** First words of operation names that say the application sends, or receives. */
const SENDING_VERBS = new Set(['publish', 'publishes', 'send', 'sends', 'emit', 'emits', 'produce', 'produces', 'notify', 'announce', 'broadcast', 'dispatch', 'push', 'post', 'raise', 'fire', 'signal', 'request', 'reply', 'respond', 'write']);
const RECEIVING_VERBS = new Set(['on', 'handle', 'handles', 'consume', 'consumes', 'receive', 'receives', 'subscribe', 'subscribes', 'process', 'listen', 'react', 'read', 'accept', 'ingest', 'when']);

/** The path of an operation's `action` in a 3.x document, with the operation's name. */
export function operationOfActionPath(path: JsonPath): string | undefined {
  return path.length === 3 && path[0] === 'operations' && path[2] === 'action' ? String(path[1]) : undefined;
}

/** Which action the operation's name suggests, if its first word is a known verb. */
function actionNamed(operationName: string): OperationAction | undefined {
  const first = /^[a-z]+|^[A-Z][a-z]*/.exec(operationName.replace(/^[_\-.]+/, ''))?.[0]?.toLowerCase();
  if (!first) return undefined;
  if (SENDING_VERBS.has(first)) return 'send';
  if (RECEIVING_VERBS.has(first)) return 'receive';
  return undefined;
}

/**
 * Both valid actions, the likelier first: the operation's name decides when it says; otherwise
 * the 2.x meaning of a 2.x word; otherwise the closer spelling.
 */
export function likelyActions(operationName: string, written: string): OperationAction[] {
  const likely = actionNamed(operationName) ?? LEGACY_MEANING[written.toLowerCase()] ?? (closerTo(written, 'receive') ? 'receive' : 'send');
  return likely === 'send' ? ['send', 'receive'] : ['receive', 'send'];
}

function closerTo(written: string, candidate: OperationAction) {
  const other: OperationAction = candidate === 'send' ? 'receive' : 'send';
  const shared = (word: string) => [...new Set(written.toLowerCase())].filter((letter) => word.includes(letter)).length / word.length;
  return shared(candidate) > shared(other);
}

/**
 * The explanation that replaces a bare "Did you mean" for a 2.x word in a 3.x `action`: what the
 * word meant in 2.x, and which correction the operation's name points at.
 */
export function explainLegacyAction(operationName: string, written: string): string | undefined {
  const meaning = LEGACY_MEANING[written.toLowerCase()];
  if (!meaning) return undefined;
  const named = actionNamed(operationName);
  const reading = `"${written}" is 2.x wording, where it meant that the application ${meaning === 'receive' ? 'receives (clients publish to it)' : 'sends (clients subscribe to it)'}`;
  const other: OperationAction = meaning === 'receive' ? 'send' : 'receive';
  const advice = named && named !== meaning ? `The name "${operationName}" says it ${named}s: use "${named}" if so, "${meaning}" for the 2.x meaning` : `Use "${meaning}" for that, or "${other}" if it ${other}s`;
  return `${reading}. ${advice}.`;
}
