/**
 * Synthetic AsyncAPI 3.0 documents of a chosen size, shaped like the documents of
 * ../shared/notes/performance-anchors.md: every channel has a parameterised address, a send and
 * a receive operation, a message with headers and an 8-property payload schema in components
 * and an example (about 3.3 KB and 110 lines per channel, as there).
 */
export function syntheticAsyncApi(channelCount: number): string {
  const lines: string[] = [
    'asyncapi: 3.0.0',
    'info:',
    '  title: Synthetic Commerce Platform',
    '  version: 1.0.0',
    '  description: Generated for benchmarks and incremental-parse tests.',
    'servers:',
    '  production:',
    '    host: kafka.internal.example.com:9092',
    '    protocol: kafka',
    '    description: Production Kafka cluster',
    'channels:',
  ];
  for (let index = 0; index < channelCount; index++) {
    const name = entity(index);
    lines.push(
      `  ${name}Updated:`,
      `    address: 'commerce.${name}.{${name}Id}.updated'`,
      `    description: Every change to a ${name}, keyed by its id.`,
      '    parameters:',
      `      ${name}Id:`,
      `        description: Identifier of the ${name}.`,
      '    messages:',
      `      ${name}Updated:`,
      `        $ref: '#/components/messages/${capitalise(name)}Updated'`,
    );
  }
  lines.push('operations:');
  for (let index = 0; index < channelCount; index++) {
    const name = entity(index);
    lines.push(
      `  publish${capitalise(name)}Updated:`,
      '    action: send',
      `    summary: Announce that a ${name} changed.`,
      '    channel:',
      `      $ref: '#/channels/${name}Updated'`,
      '    messages:',
      `      - $ref: '#/channels/${name}Updated/messages/${name}Updated'`,
      `  consume${capitalise(name)}Updated:`,
      '    action: receive',
      `    summary: React to a changed ${name}.`,
      '    channel:',
      `      $ref: '#/channels/${name}Updated'`,
      '    messages:',
      `      - $ref: '#/channels/${name}Updated/messages/${name}Updated'`,
    );
  }
  lines.push('components:', '  messages:');
  for (let index = 0; index < channelCount; index++) {
    const name = entity(index);
    const type = capitalise(name);
    lines.push(
      `    ${type}Updated:`,
      `      name: ${type}Updated`,
      `      title: ${type} updated`,
      `      summary: A ${name} was updated.`,
      '      contentType: application/json',
      '      correlationId:',
      `        location: '$message.header#/correlationId'`,
      '      headers:',
      '        type: object',
      '        properties:',
      '          correlationId:',
      '            type: string',
      '            format: uuid',
      '          traceparent:',
      '            type: string',
      `            pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'`,
      '      payload:',
      `        $ref: '#/components/schemas/${type}UpdatedPayload'`,
      '      description: >-',
      `        Sent after every committed change to a ${name}: consumers keep their copy of`,
      `        the ${name} current with it, and use the revision to drop stale or repeated updates.`,
      '      examples:',
      '        - name: activated',
      `          summary: A ${name} became active.`,
      '          headers:',
      '            correlationId: 3b241101-e2bb-4255-8caf-4136c566a962',
      '            traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '          payload:',
      `            ${name}Id: 9f1c2d3e-0000-4000-8000-${String(index).padStart(12, '0')}`,
      '            status: active',
      "            updatedAt: '2026-01-01T12:00:00Z'",
      '            revision: 2',
      '            tags: [imported, reviewed]',
    );
  }
  lines.push('  schemas:');
  lines.push(
    '    Money:',
    '      type: object',
    '      required: [amount, currency]',
    '      properties:',
    '        amount:',
    '          type: number',
    '        currency:',
    '          type: string',
    '          pattern: "^[A-Z]{3}$"',
  );
  for (let index = 0; index < channelCount; index++) {
    const name = entity(index);
    const type = capitalise(name);
    lines.push(
      `    ${type}UpdatedPayload:`,
      '      type: object',
      `      description: The new state of the ${name} after the change.`,
      `      required: [${name}Id, status, updatedAt]`,
      '      properties:',
      `        ${name}Id:`,
      '          type: string',
      '          format: uuid',
      `          description: Identifier of the ${name}.`,
      '        status:',
      '          type: string',
      '          enum: [draft, active, suspended, archived]',
      '          description: Lifecycle status after the change.',
      '        updatedAt:',
      '          type: string',
      '          format: date-time',
      '          description: When the change was committed.',
      '        revision:',
      '          type: integer',
      '          minimum: 1',
      '          description: Monotonic revision number, for ordering.',
      '        price:',
      `          $ref: '#/components/schemas/Money'`,
      '        owner:',
      '          type: object',
      '          description: Who owns the record now.',
      '          properties:',
      '            ownerId:',
      '              type: string',
      '            displayName:',
      '              type: string',
      '            region:',
      '              type: string',
      '              enum: [eu, us, apac]',
      '        tags:',
      '          type: array',
      '          description: Free-form labels for search.',
      '          items:',
      '            type: string',
      '            maxLength: 40',
      '        notes:',
      '          type: string',
      '          maxLength: 2000',
      '          description: Operator notes, if any.',
    );
  }
  return lines.join('\n') + '\n';
}

function entity(index: number) {
  return `entity${index.toString().padStart(4, '0')}`;
}

function capitalise(text: string) {
  return text[0]!.toUpperCase() + text.slice(1);
}
