// Usage: REEL_WEBHOOK_SECRET=whsec_… PORT=4400 npm start
import { createConsumer } from './consumer.js';

const secret = process.env.REEL_WEBHOOK_SECRET;
if (!secret)
  throw new Error(
    'Set REEL_WEBHOOK_SECRET to the secret Reel returned when you created the endpoint',
  );
const app = createConsumer({
  secret,
  onEvent: (event) => {
    // `type` narrows `data`: a video, a comment, a channel or a subscription.
    if (event.type === 'video.published') {
      console.log(
        `video.published ${event.data.video.video_id} "${event.data.video.title}" → ${event.data.video.playback?.manifest_url}`,
      );
    } else if (event.type === 'comment.held') {
      const { comment } = event.data;
      console.log(`comment.held ${comment.comment_id} by ${comment.author_viewer_id}: approve it?`);
    } else if ('video' in event.data) {
      console.log(`${event.type} ${event.data.video.video_id} (#${event.sequence})`);
    } else {
      console.log(`${event.type} (#${event.sequence})`);
    }
  },
});
const address = await app.listen({ port: Number(process.env.PORT ?? 4400), host: '127.0.0.1' });
console.log(`Listening for Reel webhooks on ${address}/webhooks/reel`);
