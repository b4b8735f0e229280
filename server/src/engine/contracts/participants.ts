import type { DocumentMeaning, MessageMeaning, OperationMeaning } from '../compatibility';
import type { EventFlowModel, GraphChannel, GraphService } from '../graph/graphModel';

/** One service's side of a channel: a message it sends or receives there. */
export interface Participant {
  service: GraphService;
  channel: GraphChannel;
  message: MessageMeaning;
  role: 'send' | 'receive';
}

/** A send operation on a channel of the graph, for "nobody consumes this". */
export interface SendingOperation {
  service: GraphService;
  channel: GraphChannel;
  operation: OperationMeaning;
}

export interface ContractParticipants {
  byChannel: Map<GraphChannel, Participant[]>;
  sending: SendingOperation[];
}

/**
 * Who sends and who receives which message on which channel, with each message's contents as its
 * document defines them. Channels come from the event-flow model, so that the contracts, the graph
 * and the navigation agree on which declarations are one channel; the messages and their schemas
 * come from each document's meaning (references followed, 2.x verbs turned into actions, replies
 * given to the side that sends them).
 */
export function collectParticipants(model: EventFlowModel, meanings: ReadonlyMap<string, DocumentMeaning>): ContractParticipants {
  const channelOf = new Map<string, GraphChannel>();
  for (const channel of model.channels) for (const declaration of channel.declarations) channelOf.set(`${declaration.serviceId}\u0000${declaration.key}`, channel);
  const byChannel = new Map<GraphChannel, Participant[]>();
  const sending: SendingOperation[] = [];
  for (const service of model.services) {
    const meaning = meanings.get(service.uri);
    if (!meaning) continue;
    for (const channelMeaning of meaning.channels) {
      const channel = channelOf.get(`${service.id}\u0000${channelMeaning.key}`);
      if (!channel) continue;
      const list = byChannel.get(channel) ?? [];
      for (const message of channelMeaning.messages) for (const role of message.roles) list.push({ service, channel, message, role });
      byChannel.set(channel, list);
    }
    for (const operation of meaning.operations) {
      if (operation.action !== 'send' || !operation.channel) continue;
      const channel = channelOf.get(`${service.id}\u0000${operation.channel.key}`);
      if (channel) sending.push({ service, channel, operation });
    }
  }
  return { byChannel, sending };
}

/**
 * The producers whose message a consumer's message stands for: those of the same name; when
 * there is none, and the channel carries exactly one message from the other services and the
 * consumer receives exactly one there, that one (a message named differently on each side).
 */
export function producersFor(consumer: Participant, onChannel: readonly Participant[]): Participant[] {
  const producers = onChannel.filter((candidate) => candidate.role === 'send' && candidate.service.id !== consumer.service.id);
  const sameName = producers.filter((producer) => producer.message.id === consumer.message.id);
  if (sameName.length > 0) return sameName;
  const producedNames = new Set(producers.map((producer) => producer.message.id));
  const receivedHere = onChannel.filter((candidate) => candidate.role === 'receive' && candidate.service.id === consumer.service.id);
  return producedNames.size === 1 && receivedHere.length === 1 ? producers : [];
}
