// The baseline for `upload_vs_bare_put`: a bare Fastify taking part PUTs and writing each one
// at its offset in one file, as the embedded store does, but with no signature, no lock, no
// database and no hash. Usage: bare-put-server.ts PART_SIZE_BYTES DATA_FILE
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Fastify from 'fastify';

const [partSizeArg, dataFile] = process.argv.slice(2);
const partSize = Number(partSizeArg);
if (!(partSize > 0) || !dataFile) {
  process.stderr.write('usage: bare-put-server.ts PART_SIZE_BYTES DATA_FILE\n');
  process.exit(2);
}

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 * 1024 });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
app.put<{ Params: { n: string } }>('/parts/:n', async (request) => {
  const n = Number(request.params.n);
  const data = await open(dataFile, constants.O_WRONLY | constants.O_CREAT);
  await pipeline(request.body as Readable, data.createWriteStream({ start: (n - 1) * partSize }));
  return { part_number: n };
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${url}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
