import { createStreamTicket } from '../../app/notifications/stream-tickets.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';
import { viewerOf } from './viewer-of.js';

export const createNotificationStreamTicket: OperationHandler<
  'createNotificationStreamTicket'
> = async (ctx, _request, caller) => answer(201, createStreamTicket(ctx, viewerOf(caller)));
