// Moved to the application layer; search and webhook fan-out still import it from here.
export { type ApiVideo, videoView } from '../app/videos/video-view.js';
