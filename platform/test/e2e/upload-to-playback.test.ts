import { uploadToPlaybackCases } from './upload-to-playback-cases.js';

uploadToPlaybackCases();
