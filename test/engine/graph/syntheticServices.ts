/** How the generated services are connected. */
export interface SyntheticOptions {
  /** Number of services (default: one per 25 channels, 3 to 40). */
  services?: number;
  /**
   * How many other services one service's channels reach: 3 is a typical domain (a service talks
   * to its few neighbours); `services - 1` is the worst case, everyone talks to everyone.
   */
  spread?: number;
}

/**
 * A generated workspace of services that share channels, for the graph's tests and benchmark:
 * channel i is sent by service i mod S and received by two other services among the `spread`
 * that follow it, each document declaring the channels it uses (the examples/ convention), all on
 * one Kafka cluster.
 */
export function syntheticServices(channelCount: number, options: SyntheticOptions = {}): Record<string, string> {
  const serviceCount = options.services ?? Math.max(3, Math.min(40, Math.round(channelCount / 25)));
  const spread = Math.max(2, Math.min(serviceCount - 1, options.spread ?? 3));
  const uses = Array.from({ length: serviceCount }, () => [] as { index: number; action: 'send' | 'receive' }[]);
  for (let index = 0; index < channelCount; index++) {
    const owner = index % serviceCount;
    uses[owner]!.push({ index, action: 'send' });
    const round = Math.floor(index / serviceCount);
    const consumers = new Set([(owner + 1 + (round % spread)) % serviceCount, (owner + 1 + ((round + 1 + Math.floor(round / spread)) % spread)) % serviceCount]);
    consumers.delete(owner);
    for (const consumer of consumers) uses[consumer]!.push({ index, action: 'receive' });
  }
  const files: Record<string, string> = {};
  uses.forEach((channels, service) => {
    const lines = ['asyncapi: 3.0.0', 'info:', `  title: Service ${service + 1}`, '  version: 1.0.0', 'servers:', '  production:', '    host: kafka.internal.example.com:9092', '    protocol: kafka', 'channels:'];
    for (const { index } of channels) {
      lines.push(`  entity${index}Updated:`, `    address: 'domain.entity${index}.{entity${index}Id}.updated'`, '    messages:', `      Entity${index}Updated:`, `        $ref: '#/components/messages/Entity${index}Updated'`);
    }
    lines.push('operations:');
    for (const { index, action } of channels) {
      lines.push(`  ${action}Entity${index}Updated:`, `    action: ${action}`, '    channel:', `      $ref: '#/channels/entity${index}Updated'`, '    messages:', `      - $ref: '#/channels/entity${index}Updated/messages/Entity${index}Updated'`);
    }
    lines.push('components:', '  messages:');
    for (const { index } of channels) {
      lines.push(`    Entity${index}Updated:`, `      name: Entity${index}Updated`, `      summary: Entity ${index} changed.`, '      payload:', '        type: object', '        required: [id]', '        properties:', '          id: { type: string }', '          changedAt: { type: string, format: date-time }');
    }
    files[`service-${String(service + 1).padStart(2, '0')}/asyncapi.yaml`] = lines.join('\n') + '\n';
  });
  return files;
}
