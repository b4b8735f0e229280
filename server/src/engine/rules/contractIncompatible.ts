import type { ContractData } from '../contracts/checkContracts';
import type { DocumentRule, Fix, FixContext, RuleFinding } from '../discipline/documentRule';
import { setValue } from '../edits/documentEdits';
import { reverseChange } from '../edits/reverseChange';
import { relativeReference } from '../navigation/relativeUris';
import { pathToPointer } from '../text/paths';
import type { RuleDefinition } from './rule';

/**
 * A consumer declares a message schema that cannot read what a producer of the same channel
 * sends. The contract check makes the findings (contracts/checkContracts.ts); this rule carries
 * the fixes, all on the consumer's side: relax its schema where the difference is, or take the
 * producer's schema as its own.
 */
export const contractIncompatible: RuleDefinition & Pick<DocumentRule, 'fixes'> = {
  id: 'contract-incompatible',
  defaultSeverity: 'error',
  rationale: 'Two services describe the same channel, one as producer and one as consumer, and the consumer\'s schema rejects messages the producer\'s schema allows: production finds out when the first such message arrives.',
  category: 'contracts',
  origin: 'event-design',
  async fixes(finding: RuleFinding, context: FixContext): Promise<Fix[]> {
    const data = finding.data as ContractData | undefined;
    if (!data) return [];
    const fixes: Fix[] = [];
    const schemaFile = await context.fileAt(data.newUri);
    if (schemaFile) {
      reverseChange(data, { source: schemaFile.source, root: schemaFile.tree.root }, 'relax').forEach((relaxed, index) =>
        fixes.push({ title: relaxed.title, edits: new Map([[data.newUri, relaxed.edits]]), ...(index === 0 ? { preferred: true } : {}), manualOnly: true }),
      );
    }
    const adopt = await adoptProducerSchema(data, context);
    if (adopt) fixes.push(...adopt);
    return fixes;
  },
};

/** Points the consumer's payload (or headers) at the producer's schema, or copies it when it stands alone. */
async function adoptProducerSchema(data: ContractData, context: FixContext): Promise<Fix[]> {
  const { consumerPart, producerSchema } = data;
  if (!consumerPart || !producerSchema || producerSchema.uri.startsWith('event-design-baseline:')) return [];
  const consumerFile = await context.fileAt(consumerPart.uri);
  const producerFile = await context.fileAt(producerSchema.uri);
  if (!consumerFile || !producerFile) return [];
  const target = { source: consumerFile.source, root: consumerFile.tree.root };
  const pointer = pathToPointer(producerSchema.path);
  const reference = `${producerSchema.uri === consumerPart.uri ? '' : relativeReference(consumerPart.uri, producerSchema.uri)}${pointer ? `#${pointer}` : ''}`;
  const fixes: Fix[] = [
    {
      title: `Use ${data.producer}'s ${data.part} schema ($ref: ${reference})`,
      edits: new Map([[consumerPart.uri, setValue(target, consumerPart.path, { $ref: reference })]]),
      manualOnly: true,
    },
  ];
  let value: unknown = producerFile.tree.value();
  for (const segment of producerSchema.path) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
  // A copy is only faithful when the schema refers to nothing of its own file.
  if (value !== undefined && !JSON.stringify(value).includes('"$ref"')) {
    fixes.push({ title: `Copy ${data.producer}'s ${data.part} schema here`, edits: new Map([[consumerPart.uri, setValue(target, consumerPart.path, value)]]), manualOnly: true });
  }
  return fixes;
}
