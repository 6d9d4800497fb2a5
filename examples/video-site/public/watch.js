// The share link follows the player: "Share at current time" adds ?t= where it is now.
const player = document.getElementById('player');
const share = document.getElementById('share-url');
document.getElementById('share-at')?.addEventListener('click', async () => {
  const at = Math.floor(player.currentTime || 0);
  share.value = `${share.dataset.base}?t=${at}`;
  share.select();
  await navigator.clipboard?.writeText(share.value).catch(() => undefined);
});
