import { describeChange, diffPayloads, judgeChange, type CompatibilityPolicy, type DocumentMeaning, type JudgedChange, type MessageMeaning, type PayloadMeaning } from '../compatibility';
import type { ChangeLocation } from '../compatibility/change';
import { followReplacingRefs, type PlaceEnvironment } from '../compatibility/schemaPlace';
import type { RuleFinding } from '../discipline/documentRule';
import { deadLetterChannelKeys } from '../discipline/deadLetterChannels';
import type { FindingLocation } from '../findings/finding';
import type { EventFlowModel, GraphService } from '../graph/graphModel';
import { displayPath } from '../navigation/relativeUris';
import { pathToPointer, rangeOfPath, type JsonPath } from '../text/paths';
import type { LoadedFile } from '../workspace/fileStore';
import { collectParticipants, producersFor, type Participant } from './participants';
import { areProtobufPayloads, diffProtobufPayloads } from './protobufContract';

export interface ContractsInput {
  model: EventFlowModel;
  /** Each AsyncAPI document's meaning, by URI. */
  meanings: ReadonlyMap<string, DocumentMeaning>;
  /** Every file the documents reach: for ranges of related locations. */
  files: ReadonlyMap<string, LoadedFile>;
  env: PlaceEnvironment;
  policy: CompatibilityPolicy;
  workspaceFolders: readonly string[];
}

/** What the fixes of a contract finding need. */
export interface ContractData extends Record<string, unknown> {
  kind: string;
  subject?: string;
  /** Where the consumer's side of the difference is (its schema file or document). */
  newUri: string;
  newPath: JsonPath;
  /** The producer's side. */
  oldUri: string;
  oldPath: JsonPath;
  oldNode?: unknown;
  oldValue?: unknown;
  newValue?: unknown;
  producer: string;
  /** The consumer message's `payload` (or `headers`) key, and the producer's schema there. */
  part: 'payload' | 'headers';
  consumerPart?: { uri: string; path: JsonPath };
  producerSchema?: { uri: string; path: JsonPath };
}

/** A consumer that a change to what a producer sends would break. */
export interface AffectedConsumer {
  service: GraphService;
  location: FindingLocation;
  /** The producer whose message reaches it (the first, when several do), at that message. */
  sentBy?: { service: GraphService; location: FindingLocation };
}

export interface ContractReport {
  /** Findings by the AsyncAPI document whose check reports them (a finding's `uri` is set when it is located elsewhere). */
  findings: Map<string, RuleFinding[]>;
  /**
   * The consumers (in other services) of what a file sends: of the messages a document sends, or
   * of those whose payload or headers schema a schema file is; `messageId` narrows to one message.
   */
  consumersOf(fileUri: string, messageId?: string): AffectedConsumer[];
}

const PARTS = ['payload', 'headers'] as const;

/**
 * Cross-service contracts: for every channel, what each producer may send against what each
 * consumer says it reads, through the compatibility engine with the producer's schema as the
 * writer and the consumer's as the reader (BACKWARD from the producer's to the consumer's; two
 * Protobuf payloads with the Protobuf differ, see protobufContract.ts);
 * replies the other way round, as their roles already say. Also messages nobody sends, channels
 * nobody reads, and one message name with different contents in two services.
 */
export function checkContracts(input: ContractsInput): ContractReport {
  return new ContractCheck(input).run();
}

class ContractCheck {
  private readonly findings = new Map<string, RuleFinding[]>();
  private readonly multiService: boolean;
  /** Pairs of message definitions compared as producer → consumer, so that divergence is not said twice. */
  private readonly compared = new Set<string>();

  constructor(private readonly input: ContractsInput) {
    this.multiService = new Set(input.model.services.map((service) => service.uri)).size >= 2;
  }

  run(): ContractReport {
    const { byChannel, sending } = collectParticipants(this.input.model, this.input.meanings);
    for (const list of byChannel.values()) {
      for (const consumer of list) if (consumer.role === 'receive') this.checkConsumer(consumer, list);
    }
    if (this.multiService) {
      const deadLetterChannels = new Map<string, Set<string>>();
      for (const { service, channel, operation } of sending) {
        if (!channel.noConsumer || operation.location.uri !== service.uri) continue;
        // A dead-letter channel is read by operators and replay tools, not by a service here.
        if (!deadLetterChannels.has(service.uri)) deadLetterChannels.set(service.uri, deadLetterChannelKeys(this.input.env.readDocument?.(service.uri), service.uri));
        if (operation.channel && deadLetterChannels.get(service.uri)!.has(operation.channel.key)) continue;
        this.add(service.uri, {
          ruleId: 'contract-no-consumer',
          message: `No service in the workspace receives from "${channel.address}", where this operation sends.`,
          path: operation.location.path,
          anchor: 'key',
        });
      }
    }
    this.checkDivergence([...byChannel.values()].flat());
    return { findings: this.findings, consumersOf: (fileUri, messageId) => this.consumersOf(byChannel, fileUri, messageId) };
  }

  private checkConsumer(consumer: Participant, onChannel: readonly Participant[]) {
    const producers = producersFor(consumer, onChannel);
    if (producers.length === 0) {
      const sentByAnyone = onChannel.some((candidate) => candidate.role === 'send' && candidate.message.id === consumer.message.id);
      if (!sentByAnyone && this.multiService) {
        const others = [...new Set(onChannel.filter((candidate) => candidate.role === 'send').map((candidate) => candidate.message.id))];
        const sent = others.length === 0 ? ' Nothing is sent there.' : ` What is sent there: ${others.map((id) => `"${id}"`).join(', ')}.`;
        this.add(consumer.service.uri, { ruleId: 'contract-no-producer', message: `No service in the workspace sends "${consumer.message.id}" on "${consumer.channel.address}", which this service receives.${sent}`, ...this.siteOf(consumer) });
      }
      return;
    }
    for (const producer of producers) {
      this.compared.add(pairKey(producer.message, consumer.message));
      const mismatches = this.mismatches(producer.message, consumer.message);
      if (mismatches.length === 0) continue;
      for (const { part, judged } of mismatches) this.reportToConsumer(consumer, producer, part, judged);
      this.reportToProducer(producer, consumer, mismatches);
    }
  }

  /** What the consumer cannot read of what the producer sends. */
  private mismatches(producer: MessageMeaning, consumer: MessageMeaning): Array<{ part: 'payload' | 'headers'; judged: JudgedChange }> {
    const result: Array<{ part: 'payload' | 'headers'; judged: JudgedChange }> = [];
    for (const part of PARTS) {
      const written = producer[part];
      const read = consumer[part];
      // A side that says nothing constrains nothing we could compare.
      if (!written || !read) continue;
      for (const change of this.changes(written, read, part)) {
        if (change.kind === 'payload-not-compared') continue;
        const judged = judgeChange(change, 'BACKWARD', this.input.policy);
        if (!judged.compatible) result.push({ part, judged });
      }
    }
    return result;
  }

  private reportToConsumer(consumer: Participant, producer: Participant, part: 'payload' | 'headers', judged: JudgedChange) {
    const change = judged.change;
    const site = this.siteOf(consumer);
    const producerName = this.nameOf(producer.service);
    const related: FindingLocation[] = [];
    const definition = this.location(producer.message.definition.uri ?? producer.service.uri, producer.message.definition.path, `${producer.service.title} defines "${producer.message.id}" here`);
    if (definition) related.push(definition);
    const old = this.location(change.old.uri ?? producer.service.uri, change.old.path, `What ${producer.service.title} sends`, change.old.span);
    if (old && !sameLocation(old, definition)) related.push(old);
    const newUri = change.new.uri ?? consumer.service.uri;
    const here = this.location(newUri, change.new.path, 'What this service reads', change.new.span);
    if (here && (newUri !== (site.uri ?? consumer.service.uri) || pathToPointer(change.new.path) !== pathToPointer(site.path))) related.push(here);
    // Taking the producer's schema is an edit of JSON Schema or Avro; a Protobuf payload is changed in its own source.
    const protobuf = change.kind.startsWith('protobuf-');
    const consumerPart = consumer.message.definition.uri && !protobuf ? { uri: consumer.message.definition.uri, path: [...consumer.message.definition.path, part] } : undefined;
    const producerSchema = producer.message[part] && !protobuf ? followReplacingRefs(producer.message[part]!.place, this.input.env).place : undefined;
    const data: ContractData = {
      kind: change.kind,
      ...(change.subject !== undefined ? { subject: change.subject } : {}),
      ...(change.oldValue !== undefined ? { oldValue: change.oldValue } : {}),
      ...(change.newValue !== undefined ? { newValue: change.newValue } : {}),
      newUri,
      newPath: [...change.new.path],
      oldUri: change.old.uri ?? producer.service.uri,
      oldPath: [...change.old.path],
      ...(change.kind.includes('removed') || change.kind.includes('narrowed') ? this.oldNode(change.old) : {}),
      producer: producer.service.title,
      part,
      ...(consumerPart ? { consumerPart } : {}),
      ...(producerSchema?.uri ? { producerSchema: { uri: producerSchema.uri, path: [...producerSchema.path] } } : {}),
    };
    this.add(consumer.service.uri, {
      ruleId: 'contract-incompatible',
      message: `${producerName} sends "${producer.message.id}" in a form this service cannot read. ${capitalise(part)}, from the producer's schema to this one: ${inContractTerms(describeChange(change))}`,
      ...site,
      related,
      data,
    });
  }

  private reportToProducer(producer: Participant, consumer: Participant, mismatches: ReadonlyArray<{ part: 'payload' | 'headers'; judged: JudgedChange }>) {
    const [first, ...rest] = mismatches;
    const consumerSite = this.siteOf(consumer);
    const related = this.location(consumerSite.uri ?? consumer.service.uri, consumerSite.path, `${consumer.service.title} receives "${consumer.message.id}" here`);
    const more = rest.length > 0 ? ` (and ${rest.length} more difference${rest.length === 1 ? '' : 's'})` : '';
    this.add(producer.service.uri, {
      ruleId: 'contract-consumer-incompatible',
      message: `${this.nameOf(consumer.service)} cannot read "${producer.message.id}" as this service sends it. ${capitalise(first!.part)}, from this schema to the consumer's: ${inContractTerms(describeChange(first!.judged.change))}${more}`,
      ...this.siteOf(producer),
      ...(related ? { related: [related] } : {}),
    });
  }

  /** The same message name with different contents in two services that do not already meet as producer and consumer. */
  private checkDivergence(participants: readonly Participant[]) {
    const byName = new Map<string, Participant[]>();
    for (const participant of participants) byName.set(participant.message.id, [...(byName.get(participant.message.id) ?? []), participant]);
    const said = new Set<string>();
    for (const [name, list] of byName) {
      if (!list.some((participant) => participant.message.named)) continue;
      for (const a of list) {
        for (const b of list) {
          if (a.service.id >= b.service.id) continue;
          if (this.compared.has(pairKey(a.message, b.message)) || this.compared.has(pairKey(b.message, a.message))) continue;
          // Consumers of one channel may each read a different part of what is sent there.
          if (a.role === 'receive' && b.role === 'receive' && a.channel === b.channel) continue;
          if (sameDefinition(a.message, b.message)) continue;
          const fromA = PARTS.flatMap((part) => this.differences(a.message, b.message, part));
          if (fromA.length === 0) continue;
          for (const [here, there] of [
            [a, b],
            [b, a],
          ] as const) {
            const key = `${here.service.id}\u0000${there.service.id}\u0000${name}`;
            if (said.has(key)) continue;
            said.add(key);
            const site = this.siteOf(here);
            const thereSite = this.siteOf(there);
            const related = this.location(thereSite.uri ?? there.service.uri, thereSite.path, `${there.service.title} defines "${name}" here`);
            const differences = here === a ? fromA : PARTS.flatMap((part) => this.differences(here.message, there.message, part));
            const more = differences.length > 1 ? ` (and ${differences.length - 1} more difference${differences.length === 2 ? '' : 's'})` : '';
            this.add(here.service.uri, {
              ruleId: 'contract-message-divergent',
              message: `${this.nameOf(there.service)} also defines "${name}", with different contents. ${differences[0]}${more}`,
              ...site,
              ...(related ? { related: [related] } : {}),
            });
          }
        }
      }
    }
  }

  /** How two definitions of one message differ in one part, in words. */
  private differences(a: MessageMeaning, b: MessageMeaning, part: 'payload' | 'headers'): string[] {
    const left = a[part];
    const right = b[part];
    if (!left && !right) return [];
    if (!left || !right) return [`Only one of them has ${part}.`];
    // From this definition to the other one, in those words.
    const words = (text: string) => text.replace(/\bthe old schema\b/g, 'this definition').replace(/\bthe new schema\b/g, 'the other one');
    return this.changes(left, right, part).map((change) => `${capitalise(part)}, from this definition to the other: ${words(describeChange(change))}`);
  }

  /** From one payload (or headers) schema to another: two Protobuf payloads with the Protobuf differ, when both can be read. */
  private changes(before: PayloadMeaning, after: PayloadMeaning, part: 'payload' | 'headers') {
    const protobuf = areProtobufPayloads(before, after) ? diffProtobufPayloads(before, after, (uri) => this.input.files.get(uri)?.source.text) : undefined;
    return protobuf ?? diffPayloads(before, after, part, this.input.env);
  }

  private consumersOf(byChannel: ReadonlyMap<unknown, readonly Participant[]>, fileUri: string, messageId?: string): AffectedConsumer[] {
    const result = new Map<string, AffectedConsumer>();
    for (const list of byChannel.values()) {
      for (const sender of list) {
        if (sender.role !== 'send' || (messageId !== undefined && sender.message.id !== messageId)) continue;
        if (sender.service.uri !== fileUri && !PARTS.some((part) => sender.message[part] && followReplacingRefs(sender.message[part]!.place, this.input.env).place.uri === fileUri)) continue;
        const senderSite = this.siteOf(sender);
        const sentAt = this.location(senderSite.uri ?? sender.service.uri, senderSite.path, `${sender.service.title} sends "${sender.message.id}" here`);
        for (const receiver of list) {
          if (receiver.role !== 'receive' || receiver.service.id === sender.service.id || result.has(receiver.service.id)) continue;
          if (!producersFor(receiver, list).includes(sender)) continue;
          const site = this.siteOf(receiver);
          const location = this.location(site.uri ?? receiver.service.uri, site.path, `${receiver.service.title} receives "${receiver.message.id}" here`);
          if (location) result.set(receiver.service.id, { service: receiver.service, location, ...(sentAt ? { sentBy: { service: sender.service, location: sentAt } } : {}) });
        }
      }
    }
    return [...result.values()].sort((a, b) => a.service.title.localeCompare(b.service.title));
  }

  /** Where a participant's findings go: its message in its own document, else the operation that uses it there. */
  private siteOf(participant: Participant): { uri?: string; path: JsonPath; anchor: 'key' } {
    const location = participant.message.location;
    const uri = location.uri ?? participant.service.uri;
    return uri === participant.service.uri ? { path: location.path, anchor: 'key' } : { uri, path: location.path, anchor: 'key' };
  }

  /** A place in a file by its path, or by offsets (`span`) in a file without a tree (a `.proto` file). */
  private location(uri: string, path: JsonPath, message: string, span?: { offset: number; length: number }): FindingLocation | undefined {
    const file = this.input.files.get(uri);
    if (!file) return undefined;
    return { uri, range: span ? file.source.rangeAt(span.offset, span.length) : rangeOfPath(file.source, file.tree.root, path, 'key'), message };
  }

  private oldNode(location: ChangeLocation): { oldNode?: unknown } {
    const file = location.uri ? this.input.files.get(location.uri) : undefined;
    if (!file) return {};
    let value: unknown = file.tree.value();
    for (const segment of location.path) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
    return value === undefined || JSON.stringify(value).length > 20_000 ? {} : { oldNode: value };
  }

  private nameOf(service: GraphService) {
    return `${service.title} (${displayPath(service.uri, this.input.workspaceFolders)})`;
  }

  private add(documentUri: string, finding: RuleFinding) {
    this.findings.set(documentUri, [...(this.findings.get(documentUri) ?? []), finding]);
  }
}

function pairKey(a: MessageMeaning, b: MessageMeaning) {
  return `${a.definition.uri}#${pathToPointer(a.definition.path)}\u0000${b.definition.uri}#${pathToPointer(b.definition.path)}`;
}

function sameDefinition(a: MessageMeaning, b: MessageMeaning) {
  return a.definition.uri === b.definition.uri && pathToPointer(a.definition.path) === pathToPointer(b.definition.path);
}

function sameLocation(a: FindingLocation | undefined, b: FindingLocation | undefined) {
  return !!a && !!b && a.uri === b.uri && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** The change descriptions speak of versions; here the earlier version is the producer's. */
function inContractTerms(text: string) {
  return text.replace(/\bthe old schema\b/g, "the producer's schema").replace(/\bthe new schema\b/g, "the consumer's schema").replace(/\bthe old version\b/g, "the producer's version");
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
