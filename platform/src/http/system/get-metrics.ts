import { readMetrics } from '../../app/system/read-metrics.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const getMetrics: OperationHandler<'getMetrics'> = async (ctx) => {
  const { contentType, text } = await readMetrics(ctx);
  return answer(200, text, { 'Content-Type': contentType });
};
