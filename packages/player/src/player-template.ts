import { iconSvg } from './player-icons.js';
import { PLAYER_STYLES } from './player-styles.js';

/**
 * The shadow DOM. Source order is the focus order: play, volume, time (or, live, go live), captions, speed, quality,
 * picture-in-picture, fullscreen, with the seek bar first as on most players. Every interactive piece
 * is exposed as a part so pages can restyle it.
 */
export const PLAYER_TEMPLATE = `
<style>${PLAYER_STYLES}</style>
<div class="player" part="container" tabindex="0" role="region" aria-label="Video player" data-paused>
  <video part="video" playsinline crossorigin="anonymous"></video>
  <div class="spinner" part="spinner" aria-hidden="true"></div>
  <button class="big-play" part="big-play-button" type="button" tabindex="-1" aria-label="Play">${iconSvg('play')}</button>
  <div class="resume" part="resume" role="status" hidden>
    <span class="resume-text" part="resume-text" aria-hidden="true"></span><span class="resume-spoken visually-hidden"></span>
    <span aria-hidden="true">·</span>
    <button class="resume-restart" part="resume-restart" type="button">Start over</button>
  </div>
  <div class="status" part="status" role="alert" hidden>
    <p class="status-message" part="status-message"></p>
    <button class="status-retry" part="status-retry" type="button" hidden>Try again</button>
  </div>
  <div class="controls" part="controls" role="group" aria-label="Video controls">
    <div class="seek" part="seek">
      <div class="preview" part="preview" aria-hidden="true" hidden>
        <div class="preview-image" part="preview-image" hidden></div>
        <span class="preview-time" part="preview-time"></span>
      </div>
      <input class="seek-bar" part="seek-bar" type="range" min="0" max="0" step="any" value="0" aria-label="Seek">
    </div>
    <div class="bar" part="control-bar">
      <button class="play-button" part="play-button" type="button" aria-label="Play">${iconSvg('play')}</button>
      <div class="volume" part="volume">
        <button class="mute-button" part="mute-button" type="button" aria-label="Mute">${iconSvg('volume')}</button>
        <input class="volume-slider" part="volume-slider" type="range" min="0" max="1" step="any" value="1" aria-label="Volume">
      </div>
      <span class="time" part="time" aria-hidden="true"><span class="current-time">0:00</span><span class="duration"> / 0:00</span></span>
      <div class="live" part="live" hidden>
        <span class="live-badge" part="live-badge">LIVE</span>
        <span class="live-latency" part="live-latency" aria-hidden="true"></span>
        <button class="go-live" part="go-live-button" type="button">Go live</button>
      </div>
      <span class="spacer"></span>
      <div class="menu-wrap captions-wrap" hidden></div>
      <div class="menu-wrap speed-wrap"></div>
      <div class="menu-wrap quality-wrap" hidden></div>
      <button class="pip-button" part="pip-button" type="button" aria-label="Picture in picture" hidden>${iconSvg('pictureInPicture')}</button>
      <button class="fullscreen-button" part="fullscreen-button" type="button" aria-label="Full screen" hidden>${iconSvg('fullscreen')}</button>
    </div>
  </div>
</div>
`;
