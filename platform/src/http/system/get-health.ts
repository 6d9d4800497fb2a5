import { checkHealth } from '../../app/system/check-health.js';
import type { OperationHandler } from '../operation.js';

export const getHealth: OperationHandler<'getHealth'> = (ctx) => checkHealth(ctx);
