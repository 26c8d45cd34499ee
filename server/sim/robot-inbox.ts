// Turns a raw order/instantActions payload into model changes: parse, validate against the official schema, then
// hand it to the order or instant-action logic. Bad input becomes a validationError in the robot's state, as a real
// AGV would report it. No I/O: the caller delivers payloads and publishes afterwards.
import type { ValidationResult } from '../protocol/schema-validator';
import { addError, warning, type AgvContext, type AgvModel } from './agv-model';
import { receiveInstantActions } from './instant-actions';
import { receiveOrder, type OrderOutcome } from './order-accept';
import type { InstantActionsMessage, OrderMessage } from './vda-inbound';
import { instantActionsFromV3, orderFromV3 } from './vda-v3';

/** The part of the app's compiled schema validator the robot needs. */
export interface InboundValidator {
  validate(topic: 'order' | 'instantActions', version: string, message: unknown): ValidationResult;
}

export type InboxOutcome =
  | { topic: 'order'; outcome: OrderOutcome }
  | { topic: 'instantActions'; ignored: string[] }
  | { topic: 'order' | 'instantActions'; outcome: 'invalid' };

function header(msg: unknown): Record<string, string | number> {
  const h = typeof msg === 'object' && msg !== null ? (msg as Record<string, unknown>) : {};
  return typeof h.headerId === 'number' ? { headerId: h.headerId } : {};
}

export function deliver(
  m: AgvModel,
  topic: 'order' | 'instantActions',
  payload: string,
  ctx: AgvContext,
  validator?: InboundValidator,
): InboxOutcome {
  let msg: unknown;
  try {
    msg = JSON.parse(payload);
  } catch (err) {
    addError(m, warning('validationError', `${topic} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { topic }));
    return { topic, outcome: 'invalid' };
  }
  if (validator) {
    const version =
      typeof msg === 'object' && msg !== null && typeof (msg as { version?: unknown }).version === 'string'
        ? (msg as { version: string }).version
        : '';
    const result = validator.validate(topic, version, msg);
    if (!result.ok) {
      const why = result.errors.map((e) => `${e.path} ${e.reason}`).join('; ');
      addError(m, warning('validationError', `${topic} violates the VDA 5050 schema: ${why}`, { topic, ...header(msg) }));
      return { topic, outcome: 'invalid' };
    }
  }
  // A 3.0 message (validated against 3.0.0 above) in the shapes the order and action logic read.
  const v3 = typeof (msg as { version?: unknown }).version === 'string' && (msg as { version: string }).version.startsWith('3.');
  if (topic === 'order')
    return { topic, outcome: receiveOrder(m, (v3 ? orderFromV3(msg as Record<string, unknown>) : msg) as OrderMessage, ctx) };
  const actions = v3 ? instantActionsFromV3(msg as Record<string, unknown>) : (msg as InstantActionsMessage);
  return { topic, ignored: receiveInstantActions(m, actions, ctx) };
}
