import { navigationWorkspace, type NavigationWorkspace } from './navigationHarness';

/**
 * A small workspace that exercises what examples/ does not: a channel whose address names its
 * parameter differently in another document, a shared message fragment, a JSON Schema with an
 * `$id` and definitions, an AsyncAPI 2.6 document, a JSON AsyncAPI document, an Avro schema,
 * message traits, a request/reply operation, and references that do not resolve. Cursor markers
 * `⟦name⟧` are where the tests ask.
 */
export const SHOP_FILES: Record<string, string> = {
  'orders.yaml': `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
servers:
  ⟦server⟧production:
    host: kafka.example.com:9092
    protocol: kafka
channels:
  ⟦channel⟧orderPlaced:
    address: 'orders.{⟦param⟧orderId}.placed'
    parameters:
      ⟦paramKey⟧orderId:
        description: The order's id.
        location: '$message.payload#/orderId'
    messages:
      ⟦channelMessage⟧OrderPlaced:
        $ref: '#/components/messages/⟦messageRef⟧OrderPlaced'
    bindings:
      kafka:
        ⟦partitions⟧partitions: 6
        ⟦kafkaKey⟧
  shared:
    address: orders.shared
    messages:
      Shared:
        ⟦refKey⟧$ref: './shared/messages.yaml#/⟦fragmentRef⟧OrderShipped'
  confirmations:
    address: orders.confirmations
    messages:
      Confirmation:
        payload:
          type: object
          properties:
            confirmed: { type: boolean }
operations:
  ⟦operation⟧placeOrder:
    ⟦action⟧action: send
    ⟦channelKey⟧channel:
      $ref: '#/channels/⟦channelRef⟧orderPlaced'
    ⟦messagesKey⟧messages:
      - $ref: '#/channels/orderPlaced/messages/OrderPlaced'
    reply:
      channel:
        $ref: '#/channels/confirmations'
  shipOrder:
    action: send
    channel:
      $ref: '#/channels/shared'
  broken:
    action: receive
    channel:
      $ref: '#/channels/⟦missing⟧nowhere'
components:
  messages:
    ⟦message⟧OrderPlaced:
      name: OrderPlaced
      title: Order placed
      summary: A customer placed an order.
      contentType: application/json
      correlationId:
        location: '$message.header#/⟦correlation⟧correlationId'
      traits:
        - $ref: '#/components/messageTraits/EventHeaders'
      payload:
        $ref: './schemas/order.schema.json'
      bindings:
        kafka:
          key:
            $ref: './schemas/order.schema.json#/definitions/⟦orderId⟧OrderId'
  messageTraits:
    EventHeaders:
      headers:
        type: object
        required: [correlationId]
        properties:
          correlationId: { type: string, format: uuid, description: Ties the messages of one flow together. }
          traceparent: { type: string }
  schemas:
    ⟦schema⟧Unused:
      type: object
`,
  'billing.yaml': `asyncapi: 3.0.0
info:
  title: Billing
  version: 2.0.0
channels:
  placed:
    address: 'orders.{id}.placed'
    parameters:
      id: {}
    messages:
      OrderPlaced:
        $ref: '#/components/messages/OrderPlaced'
  shared:
    address: orders.shared
    messages:
      Shared:
        $ref: './shared/messages.yaml#/OrderShipped'
operations:
  chargeOrder:
    action: receive
    channel:
      $ref: '#/channels/placed'
    messages:
      - $ref: '#/channels/placed/messages/OrderPlaced'
  recordShipment:
    action: receive
    channel:
      $ref: '#/channels/shared'
components:
  messages:
    OrderPlaced:
      name: OrderPlaced
      payload:
        $ref: './schemas/order.schema.json'
`,
  'legacy.yaml': `asyncapi: 2.6.0
info:
  title: Legacy
  version: 0.1.0
servers:
  ⟦legacyServer⟧broker:
    url: mqtt://broker.example.com
    protocol: mqtt
    security:
      - userPassword: []
channels:
  ⟦legacyChannel⟧orders/{orderId}/placed:
    servers: [broker]
    parameters:
      orderId:
        schema: { type: string }
    ⟦publish⟧publish:
      operationId: onOrderPlaced
      message:
        $ref: '#/components/messages/⟦legacyRef⟧Placed'
  orders/audit:
    subscribe:
      message:
        name: AuditRecord
        payload: { type: object }
components:
  securitySchemes:
    userPassword:
      type: userPassword
  messages:
    Placed:
      name: OrderPlaced
      payload:
        type: object
        properties:
          orderId: { type: string }
`,
  'shared/messages.yaml': `OrderShipped:
  name: OrderShipped
  title: Order shipped
  payload:
    type: object
    properties:
      trackingId: { type: string, description: The carrier's tracking number. }
`,
  'schemas/order.schema.json': `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://example.com/schemas/order.schema.json",
  "title": "Order",
  "description": "An order as placed by a customer.",
  "type": "object",
  "required": ["orderId", "total"],
  "properties": {
    "orderId": { "$ref": "#/definitions/OrderId" },
    "total": { "$ref": "money.schema.json" },
    "shippingAddress": {
      "type": "object",
      "properties": {
        "city": { "type": "string" }
      }
    }
  },
  "definitions": {
    "OrderId": { "type": "string", "pattern": "^ord_", "description": "Public order identifier." }
  }
}
`,
  'schemas/money.schema.json': `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://example.com/schemas/money.schema.json",
  "title": "Money",
  "type": "object",
  "properties": {
    "amount": { "type": "integer" },
    "currency": { "type": "string" }
  }
}
`,
  'catalog.json': `{
  "asyncapi": "3.0.0",
  "info": { "title": "Catalog", "version": "1.0.0" },
  "channels": {
    "products": {
      "address": "catalog.products",
      "messages": {
        "ProductChanged": { "$ref": "#/components/messages/⟦jsonRef⟧ProductChanged" }
      }
    }
  },
  "operations": {
    "announce": {
      "action": "send",
      "channel": { "$ref": "#/channels/products" }
    }
  },
  "components": {
    "messages": {
      "ProductChanged": { "payload": { "$ref": "./schemas/order.schema.json" } }
    }
  }
}
`,
  'events.avsc': `{
  "type": "record",
  "name": "ShipmentDispatched",
  "namespace": "com.example.shipping",
  "fields": [
    { "name": "shipmentId", "type": "string" },
    { "name": "dispatchedAt", "type": { "type": "long", "logicalType": "timestamp-millis" } },
    { "name": "parcel", "type": ["null", { "type": "record", "name": "Parcel", "fields": [{ "name": "weightGrams", "type": "int" }] }], "default": null }
  ]
}
`,
};

export function shopWorkspace(): Promise<NavigationWorkspace> {
  return navigationWorkspace(SHOP_FILES);
}
