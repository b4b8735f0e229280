import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { makeParsedTree, type ParsedTree, type SyntaxProblem, type TreeNode } from './tree';

const MESSAGES: Partial<Record<string, string>> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace expected',
  CloseBracketExpected: 'Closing bracket expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Comments are not permitted in JSON',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unexpected end of string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode sequence in string',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid characters in string; control characters must be escaped',
};

/** JSON (or JSON with comments) → position-preserving tree; duplicate keys are reported too. */
export function parseJson(text: string, allowComments: boolean): ParsedTree {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: !allowComments, allowTrailingComma: allowComments, allowEmptyContent: true });
  const problems: SyntaxProblem[] = errors.map((error) => {
    const code = printParseErrorCode(error.error);
    return { offset: error.offset, length: error.length, message: MESSAGES[code] ?? code, severity: 'error' };
  });
  if (root) reportDuplicateKeys(root, problems);
  return makeParsedTree(root, problems);
}

function reportDuplicateKeys(root: TreeNode, problems: SyntaxProblem[]) {
  const stack: TreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        if (seen.has(name)) {
          problems.push({ offset: key.offset, length: key.length, message: `Duplicate object key "${name}": readers disagree on which value wins`, severity: 'warning' });
        }
        seen.add(name);
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
}
