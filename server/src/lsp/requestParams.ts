import { BaselineContentRequest, ConvertToAsyncApi3Request, GraphRequest } from '../protocol';

/**
 * The shapes of the parameters of every request the server answers, checked before any handler
 * (or the library's own wrapper, which reads `params.workDoneToken`) runs: a client that sends
 * `null` or a position of `-1` gets the protocol's InvalidParams with the first thing wrong,
 * instead of an internal error from deep inside a feature. Only what the handlers read is checked.
 */
export type ParamsCheck = (value: unknown, at: string) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function object(fields: Record<string, ParamsCheck>): ParamsCheck {
  return (value, at) => {
    if (!isRecord(value)) return `${at} must be an object`;
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(value[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function optional(check: ParamsCheck): ParamsCheck {
  return (value, at) => (value === undefined || value === null ? undefined : check(value, at));
}

const string: ParamsCheck = (value, at) => (typeof value === 'string' ? undefined : `${at} must be a string`);
const boolean: ParamsCheck = (value, at) => (typeof value === 'boolean' ? undefined : `${at} must be a boolean`);
const number: ParamsCheck = (value, at) => (typeof value === 'number' && Number.isFinite(value) ? undefined : `${at} must be a number`);
function arrayOf(item: ParamsCheck): ParamsCheck {
  return (value, at) => {
    if (!Array.isArray(value)) return `${at} must be an array`;
    for (let index = 0; index < value.length; index++) {
      const problem = item(value[index], `${at}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}
/** The protocol's `uinteger`. */
const uinteger: ParamsCheck = (value, at) => (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 2_147_483_647 ? undefined : `${at} must be a whole number from 0`);

const position = object({ line: uinteger, character: uinteger });
const range = object({ start: position, end: position });
const textDocument = object({ uri: string });
const documentParams = object({ textDocument });
const positionParams = object({ textDocument, position });

/** Every request method the server registers, with the shape of its parameters. */
export const REQUEST_PARAMS: Readonly<Record<string, ParamsCheck>> = {
  'textDocument/hover': positionParams,
  'textDocument/completion': positionParams,
  'textDocument/definition': positionParams,
  'textDocument/references': object({ textDocument, position, context: object({ includeDeclaration: boolean }) }),
  'textDocument/prepareRename': positionParams,
  'textDocument/rename': object({ textDocument, position, newName: string }),
  'textDocument/documentSymbol': documentParams,
  'textDocument/codeLens': documentParams,
  'codeLens/resolve': object({ range }),
  'textDocument/codeAction': object({ textDocument, range, context: object({ diagnostics: arrayOf(object({})), only: optional(arrayOf(string)) }) }),
  'textDocument/semanticTokens/full': documentParams,
  'textDocument/semanticTokens/range': object({ textDocument, range }),
  'workspace/symbol': object({ query: string }),
  [GraphRequest.method]: object({ knownGeneration: optional(number) }),
  [BaselineContentRequest.method]: object({ uri: string }),
  [ConvertToAsyncApi3Request.method]: object({ uri: string }),
};

/** What is wrong with a request's parameters, or undefined when they have the declared shape. */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = REQUEST_PARAMS[method];
  return check ? check(params, 'params') : `no parameter shape is declared for ${method}`;
}
