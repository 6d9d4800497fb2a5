import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * Short coloured lines for a person at a terminal, formatted off the main thread; otherwise one
 * JSON object a line through an asynchronous destination. Either way a burst of request logs
 * never blocks the event loop.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  if (config.logFormat === 'pretty') {
    return pino({
      level: config.logLevel,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ level: config.logLevel }, pino.destination({ sync: false }));
}
