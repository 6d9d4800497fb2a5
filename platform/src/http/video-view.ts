// Moved to the application layer; search still imports it from here until it moves too.
export { type ApiVideo, videoView } from '../app/videos/video-view.js';
