/**
 * The client command a flow code lens runs: it shows the producing and consuming operations in
 * the editor's references view. Declared here once, for the server that puts it in lenses and
 * the extension that registers it (it turns the protocol's plain locations into editor types).
 */
export const SHOW_FLOW_COMMAND = 'eventDesign.showFlow';

interface PlainPosition {
  line: number;
  character: number;
}

interface PlainLocation {
  uri: string;
  range: { start: PlainPosition; end: PlainPosition };
}

/** The command's arguments: the lens's document and position, and the locations to show. */
export type ShowFlowArguments = [uri: string, position: PlainPosition, locations: PlainLocation[]];

function isPosition(value: unknown): value is PlainPosition {
  const position = value as PlainPosition;
  return typeof value === 'object' && value !== null && Number.isInteger(position.line) && Number.isInteger(position.character) && position.line >= 0 && position.character >= 0;
}

function isLocation(value: unknown): value is PlainLocation {
  const location = value as PlainLocation;
  return typeof value === 'object' && value !== null && typeof location.uri === 'string' && typeof location.range === 'object' && location.range !== null && isPosition(location.range.start) && isPosition(location.range.end);
}

export function isShowFlowArguments(value: unknown[]): value is ShowFlowArguments {
  return value.length === 3 && typeof value[0] === 'string' && isPosition(value[1]) && Array.isArray(value[2]) && value[2].every(isLocation);
}
