/**
 * A service receiving a command, with most of what the discipline asks for missing (a dead-letter
 * channel, the operation's messages, headers, a key, a type for "total"…): what "fix all" and
 * `check --fix` are tested on.
 */
export const UNDISCIPLINED_RECEIVER = `asyncapi: 3.0.0
info:
  title: Orders # the service
  version: '1.0'
servers:
  prod:
    host: kafka:9092
    protocol: kafka
channels:
  orders:
    address: orders.{orderId}
    messages:
      PlaceOrder:
        $ref: '#/components/messages/PlaceOrder'
operations:
  onOrder:
    action: receive
    channel:
      $ref: '#/channels/orders'
components:
  messages:
    PlaceOrder:
      payload:
        type: object
        properties:
          orderId: # the id
            type: string
          total: {}
`;
