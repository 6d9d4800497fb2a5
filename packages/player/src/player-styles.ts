/**
 * Everything themeable goes through a custom property (set on `reel-player` itself) or a part, so a
 * page restyles the player without reaching into its shadow root.
 */
export const PLAYER_STYLES = `
:host {
  --_accent: var(--reel-accent-color, #3ea6ff);
  --_text: var(--reel-text-color, #fff);
  --_bar: var(--reel-controls-background, linear-gradient(transparent, rgb(0 0 0 / 0.75)));
  --_menu: var(--reel-menu-background, rgb(28 28 28 / 0.94));
  --_track: var(--reel-track-color, rgb(255 255 255 / 0.3));
  --_buffered: var(--reel-buffered-color, rgb(255 255 255 / 0.5));
  --_focus: var(--reel-focus-ring, 2px solid var(--_accent));
  display: block;
  position: relative;
  aspect-ratio: var(--reel-aspect-ratio, 16 / 9);
  background: var(--reel-background, #000);
  border-radius: var(--reel-radius, 0);
  overflow: hidden;
  color: var(--_text);
  font-family: var(--reel-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  font-size: var(--reel-font-size, 14px);
  line-height: 1.2;
  contain: content;
}
:host([hidden]) { display: none; }
.player { position: absolute; inset: 0; container-type: inline-size; outline: none; }
.player:focus-visible { outline: var(--_focus); outline-offset: -2px; }
video { width: 100%; height: 100%; display: block; object-fit: contain; background: transparent; }
video::cue { color: #fff; background: rgba(0, 0, 0, 0.72); font-family: system-ui, sans-serif; line-height: 1.35; }
.player[data-idle] { cursor: none; }
button {
  font: inherit; color: inherit; background: none; border: 0; padding: 0; margin: 0; cursor: pointer;
  display: inline-flex; align-items: center; justify-content: center;
  min-width: 40px; height: 40px; border-radius: 4px;
}
button:focus-visible, input:focus-visible, [role='menuitemradio']:focus-visible {
  outline: var(--_focus); outline-offset: 1px;
}
[hidden] { display: none !important; }
.big-play {
  position: absolute; left: 50%; top: 50%; translate: -50% -50%;
  width: 68px; height: 68px; border-radius: 50%; background: rgb(0 0 0 / 0.6);
}
.big-play svg { width: 40px; height: 40px; }
.player:not([data-paused]) .big-play, .player[data-error] .big-play { display: none; }
.spinner {
  position: absolute; left: 50%; top: 50%; width: 48px; height: 48px; margin: -24px 0 0 -24px;
  border: 4px solid rgb(255 255 255 / 0.25); border-top-color: var(--_text); border-radius: 50%;
  animation: spin 0.9s linear infinite; display: none; pointer-events: none;
}
.player[data-waiting]:not([data-error]) .spinner { display: block; }
@keyframes spin { to { transform: rotate(1turn); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }
.resume {
  position: absolute; left: 12px; top: 12px; display: flex; align-items: center; gap: 6px;
  padding: 4px 4px 4px 12px; border-radius: 999px; font-size: 0.9em;
  background: var(--reel-resume-background, rgb(0 0 0 / 0.7));
}
.resume[hidden] { display: none; }
.resume-restart { padding: 0 10px; min-height: 28px; border-radius: 999px; text-decoration: underline; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap;
}
.status {
  position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center;
  justify-content: center; gap: 12px; padding: 24px; text-align: center;
  background: var(--reel-status-background, rgb(0 0 0 / 0.8));
}
.status-message { margin: 0; max-width: 36em; font-size: 1.1em; }
.status-retry { padding: 0 16px; border: 1px solid currentColor; }
.controls {
  position: absolute; left: 0; right: 0; bottom: 0; padding: 24px 8px 4px;
  background: var(--_bar); transition: opacity 0.2s;
}
.player[data-idle] .controls, .player[data-error] .controls { opacity: 0; pointer-events: none; }
.bar { display: flex; align-items: center; gap: 2px; }
.spacer { flex: 1; }
.time { padding: 0 8px; font-variant-numeric: tabular-nums; white-space: nowrap; }
.volume { display: flex; align-items: center; }
.player[data-live] .time { display: none; }
.live { display: flex; align-items: center; gap: 8px; padding: 0 8px; white-space: nowrap; }
.live-badge {
  padding: 2px 6px; border-radius: 3px; font-weight: 700; font-size: 0.8em; letter-spacing: 0.05em;
  background: var(--_track);
}
.player[data-live-edge] .live-badge { background: var(--reel-live-color, #e62117); }
.live-latency { font-variant-numeric: tabular-nums; opacity: 0.85; }
.go-live { padding: 0 10px; min-height: 28px; height: 28px; border: 1px solid currentColor; border-radius: 999px; }
.volume-slider { width: 72px; }
.seek { position: relative; height: 16px; display: flex; align-items: center; padding: 0 4px; }
input[type='range'] {
  -webkit-appearance: none; appearance: none; background: transparent; margin: 0; height: 16px;
  cursor: pointer; --progress: 0%; --buffered: 0%;
}
.seek-bar { width: 100%; }
input[type='range']::-webkit-slider-runnable-track {
  height: 4px; border-radius: 2px;
  background: linear-gradient(to right, var(--_accent) var(--progress), var(--_buffered) var(--progress) var(--buffered), var(--_track) var(--buffered));
}
input[type='range']::-moz-range-track {
  height: 4px; border-radius: 2px;
  background: linear-gradient(to right, var(--_accent) var(--progress), var(--_buffered) var(--progress) var(--buffered), var(--_track) var(--buffered));
}
input[type='range']::-webkit-slider-thumb {
  -webkit-appearance: none; width: 12px; height: 12px; margin-top: -4px; border-radius: 50%;
  background: var(--_accent); border: 0;
}
input[type='range']::-moz-range-thumb { width: 12px; height: 12px; border-radius: 50%; background: var(--_accent); border: 0; }
.preview {
  position: absolute; bottom: 22px; translate: -50% 0; display: flex; flex-direction: column;
  align-items: center; gap: 4px; pointer-events: none;
}
.preview-image {
  border: 2px solid var(--_text); border-radius: 4px; background-repeat: no-repeat; background-color: #000;
}
.preview-time { padding: 2px 6px; border-radius: 3px; background: rgb(0 0 0 / 0.7); font-variant-numeric: tabular-nums; }
.menu-wrap { position: relative; }
.menu-button { padding: 0 8px; font-weight: 600; }
.menu {
  position: absolute; right: 0; bottom: 44px; min-width: 120px; max-height: 60cqh; overflow-y: auto;
  padding: 6px 0; border-radius: 6px; background: var(--_menu); display: flex; flex-direction: column;
}
[role='menuitemradio'] {
  justify-content: flex-start; width: 100%; height: 34px; padding: 0 16px 0 30px; border-radius: 0;
  position: relative; white-space: nowrap;
}
[role='menuitemradio']:hover { background: rgb(255 255 255 / 0.12); }
[role='menuitemradio'][aria-checked='true']::before { content: '✓'; position: absolute; left: 10px; }
@container (max-width: 480px) {
  .volume-slider, .speed-wrap { display: none; }
  .time { padding: 0 4px; }
}
@container (max-width: 320px) {
  .pip-button, .duration, .live-latency { display: none; }
  .big-play { width: 52px; height: 52px; }
}
`;
