/**
 * Everything themeable goes through a custom property (set on `reel-uploader`) or a part, as with
 * `<reel-player>`, so a page restyles the uploader without reaching into its shadow root.
 */
export const UPLOADER_STYLES = `
:host {
  --_accent: var(--reel-accent-color, #3ea6ff);
  --_text: var(--reel-text-color, #1f1f1f);
  --_muted: var(--reel-muted-color, #5f6368);
  --_border: var(--reel-border-color, #c4c7c5);
  --_track: var(--reel-track-color, #e3e3e3);
  --_error: var(--reel-error-color, #b3261e);
  --_focus: var(--reel-focus-ring, 2px solid var(--_accent));
  display: block;
  color: var(--_text);
  background: var(--reel-background, transparent);
  font-family: var(--reel-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  font-size: var(--reel-font-size, 14px);
  line-height: 1.4;
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
.dropzone {
  display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 8px;
  min-height: var(--reel-dropzone-height, 140px); padding: 16px; box-sizing: border-box;
  border: 2px dashed var(--_border); border-radius: var(--reel-radius, 8px); text-align: center;
}
.dropzone[data-over] { border-color: var(--_accent); background: var(--reel-dropzone-over-background, rgb(62 166 255 / 0.08)); }
.choose {
  font: inherit; cursor: pointer; padding: 6px 14px; border-radius: 4px;
  color: var(--reel-button-text-color, #fff); background: var(--_accent); border: 0;
}
.file-input { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
button { font: inherit; cursor: pointer; }
button:focus-visible, .file-input:focus-visible + .choose { outline: var(--_focus); outline-offset: 2px; }
.transfer { display: grid; gap: 6px; margin-top: 12px; }
.filename { font-weight: 600; overflow-wrap: anywhere; }
progress {
  width: 100%; height: var(--reel-progress-height, 8px); appearance: none; border: 0;
  border-radius: 999px; background: var(--_track); overflow: hidden;
}
progress::-webkit-progress-bar { background: var(--_track); }
progress::-webkit-progress-value { background: var(--_accent); transition: width 0.2s; }
progress::-moz-progress-bar { background: var(--_accent); }
.stats { color: var(--_muted); font-variant-numeric: tabular-nums; }
.actions { display: flex; gap: 8px; }
.actions button {
  padding: 4px 12px; border-radius: 4px; color: var(--_text); background: none;
  border: 1px solid var(--_border);
}
.error { color: var(--_error); margin: 8px 0 0; }
@media (prefers-reduced-motion: reduce) { progress::-webkit-progress-value { transition: none; } }
`;
