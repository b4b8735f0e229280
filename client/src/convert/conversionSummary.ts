import type { ConversionPlace, ConversionResult } from '../../../server/src/engine/convert/convertToAsyncApi3';

/** What the editor says about a conversion: one sentence for the notification, the details for the output channel. */
export interface ConversionSummary {
  /** The notification's text. */
  message: string;
  /** One line per difference, problem, note or error, for the output channel. */
  details: string[];
  /** Whether there is a converted text to preview and apply. */
  canApply: boolean;
  /** Whether something did not survive: the notification is a warning then. */
  lossy: boolean;
}

function placeText(place: ConversionPlace, side: string): string {
  const where = place.range ? `${side}:${place.range.start.line + 1}:${place.range.start.character + 1}` : `${place.uri ?? side}#${place.pointer}`;
  return `${where} (${place.pointer || '/'})`;
}

export function summarizeConversion(result: ConversionResult, fileName: string): ConversionSummary {
  const details: string[] = [];
  for (const difference of result.differences) details.push(`lost: ${difference.message} [${difference.kind}] — was ${placeText(difference.old, fileName)}, now ${placeText(difference.new, 'converted')}`);
  for (const problem of result.problems) details.push(`not valid in 3.0: ${problem.message} [${problem.ruleId}] at ${placeText(problem.place, 'converted')}`);
  for (const note of result.notes) details.push(`note: ${note}`);
  for (const error of result.errors) details.push(`error: ${error}`);
  if (result.status === 'up-to-date') return { message: `${fileName} is already AsyncAPI ${result.fromVersion}: there is nothing to convert.`, details, canApply: false, lossy: false };
  if (result.status === 'refused') return { message: `${fileName} cannot be converted: ${result.errors[0] ?? 'the converter refused it'}`, details, canApply: false, lossy: false };
  const lost = result.differences.length;
  const invalid = result.problems.length;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const findings = [lost > 0 ? `${count(lost, 'difference', 'differences')} by meaning did not survive` : undefined, invalid > 0 ? `${count(invalid, 'place is', 'places are')} not valid AsyncAPI 3.0` : undefined].filter((part) => part !== undefined);
  const message =
    findings.length === 0
      ? `${fileName} converted from AsyncAPI ${result.fromVersion} to 3.0.0: the AsyncAPI diff finds nothing lost. Review the preview, then apply.`
      : `${fileName} converted from AsyncAPI ${result.fromVersion} to 3.0.0, but ${findings.join(' and ')} (listed in the Event Design output). Review the preview before applying.`;
  return { message, details, canApply: result.text !== undefined, lossy: findings.length > 0 };
}
