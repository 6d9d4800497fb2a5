import { checkReadiness } from '../../app/system/check-readiness.js';
import type { OperationHandler } from '../operation.js';

export const getReadiness: OperationHandler<'getReadiness'> = (ctx) => checkReadiness(ctx);
