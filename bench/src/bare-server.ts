// The baseline for the HTTP ratios: a bare Fastify answering one route with fixed bytes from
// memory, in its own process like Reel. Usage: bare-server.ts ROUTE CONTENT_TYPE BODY_FILE
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [route, contentType, bodyFile] = process.argv.slice(2);
if (!route || !contentType || !bodyFile) {
  process.stderr.write('usage: bare-server.ts ROUTE CONTENT_TYPE BODY_FILE\n');
  process.exit(2);
}
const bytes = readFileSync(bodyFile);
// JSON goes through Fastify's own serializer, as a plain `return object` handler would.
const json = contentType.startsWith('application/json')
  ? (JSON.parse(bytes.toString('utf8')) as unknown)
  : undefined;

const app = Fastify({ logger: false });
app.get(route, async (_request, reply) => {
  if (json !== undefined) return json;
  return reply.type(contentType).send(bytes);
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${url}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
