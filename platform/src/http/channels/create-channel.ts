import { createChannel as createTheChannel } from '../../app/channels/create-channel.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const createChannel: OperationHandler<'createChannel'> = async (ctx, request, caller) =>
  answer(201, await createTheChannel(ctx, { tenantId: caller.tenantId, channel: request.body }));
