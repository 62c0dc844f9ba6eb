// Screen-reader announcements through two visually hidden live regions (polite and assertive).
// The text is cleared first so that the same words said twice are announced twice.

const regions = {};

export function announce(text, { urgent = false } = {}) {
  const id = urgent ? "announce-urgent" : "announce";
  const region = regions[id] || (regions[id] = document.getElementById(id));
  if (!region) return;
  region.textContent = "";
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}
