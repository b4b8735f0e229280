import type { ObjectKind } from './asyncApiShapes';

/**
 * Short explanations of the AsyncAPI fields, shown when hovering a key. Written for this
 * extension (the specification's own wording is longer); where 2.x and 3.x differ, each version
 * has its own text.
 */
type Text = string | { 2: string; 3: string };

const DESCRIPTION = 'A longer description. CommonMark (Markdown) is allowed.';
const SUMMARY = 'A one-line summary, shown in documentation and tool listings.';
const TITLE = 'A human-friendly title, shown instead of the key in documentation.';
const TAGS = 'Tags for logical grouping (`name`, optional `description`). Tools filter and group by them.';
const EXTERNAL_DOCS = 'A link to further documentation: `url` (absolute) and optional `description`.';
const BINDINGS: Record<'server' | 'channel' | 'operation' | 'message', string> = {
  server: 'Protocol-specific settings of the server, one entry per protocol (`kafka`, `amqp`, `mqtt`, `http`…), each with its own fields and `bindingVersion`.',
  channel: 'Protocol-specific settings of the channel, one entry per protocol: for example the Kafka topic\'s partitions and retention, or the AMQP exchange or queue.',
  operation: 'Protocol-specific settings of the operation, one entry per protocol: for example the Kafka consumer `groupId` and `clientId`, or AMQP delivery mode and acknowledgements.',
  message: 'Protocol-specific settings of the message, one entry per protocol: for example the Kafka message `key` schema, or HTTP/AMQP headers.',
};
const SECURITY: Text = {
  2: 'Security requirements: each item maps names of `components.securitySchemes` to the scopes needed (`- kafkaSasl: []`). One item satisfied is enough.',
  3: 'The security schemes that apply, as `$ref`s to `components.securitySchemes` (or inline). Any one of them is enough to connect.',
};

const DOCS: Partial<Record<ObjectKind, Record<string, Text>>> = {
  document: {
    asyncapi: 'The version of the AsyncAPI Specification this document follows (`3.0.0`, `2.6.0`…). It decides how every other field is read: 3.0 moved operations out of channels and made their `action` explicit.',
    id: 'Identifier of the application the document describes, as a URI (for example `urn:example:orders-service`). It should be unique across your organisation; tools use it to tell applications apart.',
    info: 'Metadata about the application: `title` and `version` (both required), `description`, `contact`, `license`, `termsOfService`; in 3.x also `tags` and `externalDocs`.',
    servers: {
      2: 'The brokers and servers the application connects to, by name. Each has a `url` and a `protocol` (kafka, amqp, mqtt…). A channel lists the server names it is on in `servers`; without that list it is on all of them.',
      3: 'The brokers and servers the application connects to, by name. Each has a `host`, a `protocol` (kafka, amqp, mqtt…) and optionally a `pathname`. A channel lists its servers with `$ref`s; without that list it is on all of them.',
    },
    channels: {
      2: 'The channels the application uses, keyed by their address (topic, routing key or path, with `{parameters}`). Each channel holds what the application does on it: `publish` and/or `subscribe`.',
      3: 'The channels the application uses, by an id of your choice. Each has an `address` (topic, routing key, queue or path, with `{parameters}`) and the `messages` that may flow through it. What the application does on a channel is said in `operations`.',
    },
    operations: 'What the application does, by an id of your choice: each operation has an `action` (`send` or `receive`), the `channel` it acts on and the `messages` it sends or receives (some or all of the channel\'s). A `reply` makes it request/reply.',
    components: 'Reusable definitions (schemas, messages, channels, parameters, correlation ids, security schemes, traits, bindings…). They take effect only where a `$ref` points at them.',
    defaultContentType: 'The content type of every message that does not set its own `contentType`, for example `application/json` or `application/vnd.apache.avro+json`.',
    tags: 'Tags for the whole document (2.x; 3.x moved them to `info.tags`).',
    externalDocs: 'A link to further documentation for the whole document (2.x; 3.x moved it to `info.externalDocs`).',
  },
  info: {
    title: 'The application\'s name, as documentation and tools show it.',
    version: 'The version of the application\'s API (not of AsyncAPI). Semantic versioning (`1.4.0`) tells consumers which changes are breaking.',
    description: DESCRIPTION,
    termsOfService: 'A URL to the terms of service of the API.',
    contact: 'Who to contact about the API: `name`, `url`, `email`.',
    license: 'The license of the API: `name` (required) and `url`.',
    tags: TAGS,
    externalDocs: EXTERNAL_DOCS,
  },
  contact: {
    name: 'The name of the contact person or team.',
    url: 'A URL with contact information.',
    email: 'The contact e-mail address.',
  },
  license: {
    name: 'The license name (an SPDX identifier such as `Apache-2.0`, or `Proprietary`).',
    url: 'A URL to the license text.',
  },
  server: {
    url: 'The server\'s URL (2.x): host, port and optional path, with `{variables}`. 3.x splits it into `host` and `pathname`.',
    host: 'The server\'s host name, optionally with the port (`kafka.example.com:9092`). `{variables}` are substituted from `variables`.',
    pathname: 'The path to a resource on the host (for example a WebSocket endpoint or an HTTP base path). `{variables}` are substituted from `variables`.',
    protocol: 'The protocol spoken with the server: `kafka`, `amqp`, `mqtt`, `http`, `ws`, `nats`, `jms`, `sns`, `sqs`, `solace`, `googlepubsub`, `pulsar`… It decides which bindings apply.',
    protocolVersion: 'The version of the protocol, for example `3.6` for Kafka or `0.9.1` for AMQP.',
    title: TITLE,
    summary: SUMMARY,
    description: DESCRIPTION,
    variables: 'Values for the `{variables}` in the host and path: each with `enum`, `default`, `description` and `examples`.',
    security: SECURITY,
    tags: TAGS,
    externalDocs: EXTERNAL_DOCS,
    bindings: BINDINGS.server,
  },
  serverVariable: {
    enum: 'The values the variable may take.',
    default: 'The value used when none is given.',
    description: DESCRIPTION,
    examples: 'Example values of the variable.',
  },
  channel: {
    address: 'The channel\'s address: the topic, routing key, queue, event type or path, with `{parameters}` defined in `parameters`. `null` (or left out) when it is only known at run time, as for dynamic reply channels.',
    messages: 'The messages that may flow through the channel, by an id of your choice. Operations on the channel name the ones they use with `$ref: \'#/channels/<channel>/messages/<id>\'`.',
    parameters: {
      2: 'Definitions of the `{parameters}` of the channel name: description, `schema`, and `location` (a runtime expression saying where in the message the value is).',
      3: 'Definitions of the `{parameters}` of the address: `description`, `enum`, `default`, `examples`, and `location` (a runtime expression saying where in the message the value is).',
    },
    title: TITLE,
    summary: SUMMARY,
    description: DESCRIPTION,
    servers: {
      2: 'Names of the servers the channel is on; without this list it is on all of the document\'s servers.',
      3: '`$ref`s to the servers the channel is on; without this list it is on all of the document\'s servers.',
    },
    publish: 'What others may send to this channel, which means **the application receives** it (2.x speaks from the client\'s side; 3.0 replaced this with `action: receive`).',
    subscribe: 'What others may receive from this channel, which means **the application sends** it (2.x speaks from the client\'s side; 3.0 replaced this with `action: send`).',
    tags: TAGS,
    externalDocs: EXTERNAL_DOCS,
    bindings: BINDINGS.channel,
  },
  operation: {
    action: '`send`: the application sends the messages to the channel; `receive`: the application expects to receive them. (In 2.x, `subscribe` meant send and `publish` meant receive.)',
    channel: 'A `$ref` to the channel the operation acts on, in this document\'s `channels` (`#/channels/<id>`).',
    messages: 'The messages the operation sends or receives, as `$ref`s to messages of its channel (`#/channels/<channel>/messages/<id>`). Left out, it uses all of the channel\'s messages.',
    reply: 'Makes the operation request/reply: the `channel` (or the `address` with a runtime expression) where the reply goes, and the reply `messages`.',
    traits: 'Operation traits merged into this operation (JSON merge patch, the operation\'s own values win): shared bindings, tags, security.',
    operationId: 'A unique id of the operation across the document (2.x). Code generators use it as the method name.',
    message: 'The message the operation sends or receives, or `oneOf` a list of them (2.x; 3.x lists them in `messages`).',
    title: TITLE,
    summary: SUMMARY,
    description: DESCRIPTION,
    security: SECURITY,
    tags: TAGS,
    externalDocs: EXTERNAL_DOCS,
    bindings: BINDINGS.operation,
  },
  operationTrait: {
    title: TITLE,
    summary: SUMMARY,
    description: DESCRIPTION,
    operationId: 'A unique id of the operation (2.x).',
    security: SECURITY,
    tags: TAGS,
    externalDocs: EXTERNAL_DOCS,
    bindings: BINDINGS.operation,
  },
  operationReply: {
    address: 'Where the reply goes when it is only known at run time: `location` is a runtime expression such as `$message.header#/replyTo`.',
    channel: 'A `$ref` to the channel the reply is sent on.',
    messages: 'The reply messages, as `$ref`s to messages of the reply channel.',
  },
  operationReplyAddress: {
    location: 'A runtime expression that says where the request message carries the reply address, for example `$message.header#/replyTo`.',
    description: DESCRIPTION,
  },
  message: {
    headers: 'The schema of the application headers (an object schema). Protocol headers (Kafka record headers, AMQP properties) are described in bindings.',
    payload: {
      2: 'The schema of the message body. Its format is given by the message\'s `schemaFormat` (JSON Schema by default; Avro, RAML, OpenAPI schemas allowed).',
      3: 'The schema of the message body: a schema (AsyncAPI/JSON Schema by default) or `{ schemaFormat, schema }` for Avro, RAML, OpenAPI or another JSON Schema draft.',
    },
    correlationId: 'Where the message carries the id that correlates it with other messages (a request and its reply, the events of one flow): `location` is a runtime expression such as `$message.header#/correlationId`.',
    schemaFormat: 'The format of the `payload` schema (2.x), for example `application/vnd.apache.avro;version=1.9.0`; JSON Schema (AsyncAPI\'s own) when left out. 3.x moved it into the payload\'s multi-format schema.',
    contentType: 'The media type of the encoded payload (`application/json`, `avro/binary`…). Falls back to the document\'s `defaultContentType`.',
    name: 'A machine-friendly name of the message, used by code generators and to recognise the message across documents.',
    messageId: 'A unique id of the message across the document (2.4+, removed in 3.0 where the key is the id).',
    title: TITLE,
    summary: SUMMARY,
    description: DESCRIPTION,
    deprecated: 'Marks the message as deprecated: consumers should stop relying on it.',
    examples: 'Examples of the message, each with `headers` and/or `payload` (and `name`, `summary`). They should validate against the schemas.',
    traits: 'Message traits merged into this message (JSON merge patch, the message\'s own values win): shared headers, correlation id, bindings.',
    oneOf: 'The alternative messages of the operation (2.x).',
    tags: TAGS,
    externalDocs: EXTERNAL_DOCS,
    bindings: BINDINGS.message,
  },
  messageTrait: {
    headers: 'The schema of the application headers the trait adds to each message that uses it.',
    correlationId: 'Where messages that use the trait carry their correlation id (`location`: a runtime expression).',
    schemaFormat: 'The format of the payload schema (2.x).',
    contentType: 'The media type of the encoded payload.',
    name: 'A machine-friendly name of the message.',
    messageId: 'A unique id of the message (2.4+).',
    title: TITLE,
    summary: SUMMARY,
    description: DESCRIPTION,
    deprecated: 'Marks messages with this trait as deprecated.',
    examples: 'Examples of the message.',
    tags: TAGS,
    externalDocs: EXTERNAL_DOCS,
    bindings: BINDINGS.message,
  },
  multiFormatSchema: {
    schemaFormat: 'The format of `schema`, as a media type: `application/vnd.apache.avro;version=1.9.0`, `application/vnd.oai.openapi;version=3.0.0`, `application/schema+json;version=draft-07`, `application/vnd.aai.asyncapi+json;version=3.0.0` (the default)…',
    schema: 'The schema itself, in the format `schemaFormat` names (inline or a `$ref`, for example to an `.avsc` file).',
  },
  messageExample: {
    name: 'A machine-friendly name of the example.',
    summary: SUMMARY,
    headers: 'Example header values; they should validate against the message\'s `headers` schema.',
    payload: 'An example payload; it should validate against the message\'s `payload` schema.',
  },
  parameter: {
    description: DESCRIPTION,
    enum: 'The values the parameter may take.',
    default: 'The value used when none is given.',
    examples: 'Example values of the parameter.',
    location: 'A runtime expression that says where in the message the parameter\'s value is, for example `$message.payload#/orderId`.',
    schema: 'The schema of the parameter\'s value (2.x; 3.x keeps only `enum`, `default` and `examples`).',
  },
  correlationId: {
    description: DESCRIPTION,
    location: 'A runtime expression that says where the correlation id is: `$message.header#/<pointer>` or `$message.payload#/<pointer>`.',
  },
  components: {
    schemas: 'Reusable schemas, referenced with `$ref: \'#/components/schemas/<name>\'` (from payloads, headers, other schemas).',
    servers: 'Reusable servers, referenced from `servers` with `$ref`.',
    channels: 'Reusable channels, referenced from `channels` with `$ref`.',
    operations: 'Reusable operations, referenced from `operations` with `$ref`.',
    messages: 'Reusable messages, referenced with `$ref: \'#/components/messages/<name>\'` from channels (3.x) or operations (2.x).',
    securitySchemes: 'The security schemes servers and operations may require (user/password, SASL, X.509, OAuth2…).',
    serverVariables: 'Reusable server variables.',
    parameters: 'Reusable channel parameters.',
    correlationIds: 'Reusable correlation ids, referenced from messages\' `correlationId` with `$ref`.',
    replies: 'Reusable operation replies.',
    replyAddresses: 'Reusable reply addresses.',
    externalDocs: 'Reusable external documentation links.',
    tags: 'Reusable tags.',
    operationTraits: 'Reusable operation traits, applied with `traits: [{ $ref: … }]`.',
    messageTraits: 'Reusable message traits, applied with `traits: [{ $ref: … }]`: a common way to share headers and correlation ids.',
    serverBindings: 'Reusable server bindings.',
    channelBindings: 'Reusable channel bindings.',
    operationBindings: 'Reusable operation bindings.',
    messageBindings: 'Reusable message bindings.',
  },
  tag: {
    name: 'The tag\'s name.',
    description: DESCRIPTION,
    externalDocs: EXTERNAL_DOCS,
  },
  externalDocs: {
    url: 'The URL of the documentation (absolute).',
    description: DESCRIPTION,
  },
  securityScheme: {
    type: 'The kind of scheme: `userPassword`, `apiKey`, `X509`, `symmetricEncryption`, `asymmetricEncryption`, `httpApiKey`, `http`, `oauth2`, `openIdConnect`, `plain`, `scramSha256`, `scramSha512`, `gssapi`.',
    description: DESCRIPTION,
    name: 'The name of the header, query parameter or cookie (`httpApiKey`).',
    in: 'Where the key goes: `user`/`password` (`apiKey`), `query`/`header`/`cookie` (`httpApiKey`).',
    scheme: 'The HTTP authorization scheme (`bearer`, `basic`…), as in RFC 7235.',
    bearerFormat: 'A hint of the bearer token\'s format, such as `JWT`.',
    flows: 'The OAuth2 flows: `implicit`, `password`, `clientCredentials`, `authorizationCode`.',
    openIdConnectUrl: 'The OpenID Connect discovery URL.',
    scopes: 'The scopes needed (3.x).',
  },
  schema: {
    type: 'The JSON type of the value: `object`, `array`, `string`, `number`, `integer`, `boolean`, `null`.',
    properties: 'The object\'s properties, by name, each with its own schema.',
    required: 'The properties that must be present.',
    additionalProperties: '`false` rejects properties not listed in `properties`; a schema constrains them. Open by default, which lets producers add fields without breaking consumers.',
    items: 'The schema of the array\'s items.',
    enum: 'The only values allowed.',
    const: 'The only value allowed.',
    format: 'A semantic format of a string (`uuid`, `date-time`, `email`, `uri`…); validators check the known ones.',
    pattern: 'A regular expression (ECMA-262) the string must match.',
    allOf: 'The value must match every schema of the list (composition).',
    oneOf: 'The value must match exactly one schema of the list.',
    anyOf: 'The value must match at least one schema of the list.',
    discriminator: 'The property whose value says which schema of a polymorphic `oneOf`/`allOf` applies.',
    deprecated: 'Marks the property as deprecated.',
    examples: 'Example values.',
    default: 'The value assumed when the property is absent.',
    description: DESCRIPTION,
    title: TITLE,
    definitions: 'Reusable subschemas, referenced with `$ref: \'#/definitions/<name>\'` (draft-07 and earlier).',
    $defs: 'Reusable subschemas, referenced with `$ref: \'#/$defs/<name>\'` (2019-09 and later).',
    $id: 'The schema\'s canonical URI: references to it by that URI find this file.',
    $schema: 'The JSON Schema dialect of the file (draft-07, 2020-12…).',
  },
};

const REF = 'A reference: this object stands for what the JSON Reference points at: `#/components/…` in this document, `other.yaml#/…` in another file, or a whole file. Go to Definition (F12) opens it.';

/** The explanation of `key` in an object of kind `kind`, for the document's major version. */
export function keywordDoc(kind: ObjectKind, key: string, major: 2 | 3): string | undefined {
  if (key === '$ref') return REF;
  const text = DOCS[kind]?.[key];
  if (text === undefined) return undefined;
  return typeof text === 'string' ? text : text[major];
}

/** The explanation of a `bindings` key (a protocol). */
export function bindingsDoc(owner: 'server' | 'channel' | 'operation' | 'message', protocol: string): string {
  return `${protocolName(protocol)} bindings of this ${owner}: settings only ${protocolName(protocol)} understands, with their own \`bindingVersion\`. ${BINDINGS[owner]}`;
}

const PROTOCOL_NAMES: Record<string, string> = {
  http: 'HTTP',
  ws: 'WebSockets',
  amqp: 'AMQP 0-9-1',
  amqp1: 'AMQP 1.0',
  mqtt: 'MQTT',
  mqtt5: 'MQTT 5',
  kafka: 'Kafka',
  anypointmq: 'Anypoint MQ',
  nats: 'NATS',
  jms: 'JMS',
  sns: 'Amazon SNS',
  sqs: 'Amazon SQS',
  stomp: 'STOMP',
  redis: 'Redis',
  ibmmq: 'IBM MQ',
  solace: 'Solace',
  googlepubsub: 'Google Cloud Pub/Sub',
  pulsar: 'Apache Pulsar',
  mercure: 'Mercure',
  ros2: 'ROS 2',
};

export function protocolName(protocol: string): string {
  return PROTOCOL_NAMES[protocol] ?? protocol;
}
