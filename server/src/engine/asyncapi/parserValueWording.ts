import type { JsonPath } from '../text/paths';

/**
 * The parser words a failing example or default after ajv's instance path (`"0" property type
 * must be integer`, `"payload" property must not be valid`); where the engine's own checks find
 * the same kind of problem, the finding reads as theirs do, whichever of the two found it.
 */
export function wordParserValueFinding(ruleId: string, path: JsonPath, message: string): string {
  const reason = message.replace(/^"[^"]*" property /, '').replace(/^type (?=must be)/, '');
  switch (ruleId) {
    case 'schema-default-invalid':
      return `The default value fails its schema: ${reason}`;
    case 'schema-examples-invalid':
      return `This example fails its schema: ${reason}`;
    case 'message-example-invalid': {
      const part = String(path[path.length - 1]);
      if (part !== 'payload' && part !== 'headers') return message;
      // `payload: false` (or `headers: false`): the schema admits no value at all.
      if (reason === 'must not be valid') return `This example has ${part}, but the message's ${part} schema is false: it allows none`;
      return `Example ${part} does not match the message ${part} schema: ${reason}`;
    }
    default:
      return message;
  }
}
