// Quick exit, like GOV.UK's "Exit this page": the button, Escape, or Shift pressed three times in a
// row. The page is blanked at once, this chat is forgotten by the tab, and the neutral site
// *replaces* this page in the history, so Back does not come back to the chat.

import { forgetChat } from "./store.js";

const SHIFT_WINDOW_MS = 5000;

export function installQuickExit({ url, link, beforeLeave }) {
  let shifts = 0;
  let timer = null;

  function leave(event) {
    if (event) {
      event.preventDefault();
      event.stopPropagation();
    }
    document.documentElement.classList.add("exiting");
    try {
      beforeLeave?.();
    } catch {
      // leaving matters more than tidying up
    }
    forgetChat();
    document.title = "";
    document.body.replaceChildren();
    location.replace(url);
  }

  link?.addEventListener("click", leave);

  document.addEventListener(
    "keydown",
    (event) => {
      if (event.isComposing) return;
      if (event.key === "Escape") {
        leave(event);
      } else if (event.key === "Shift") {
        if (event.repeat) return;
        shifts += 1;
        clearTimeout(timer);
        timer = setTimeout(() => (shifts = 0), SHIFT_WINDOW_MS);
        if (shifts >= 3) leave(event);
      } else {
        shifts = 0;
      }
    },
    true,
  );

  // Arriving from the back/forward cache after an exit: never show a page that is still drawn.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) location.reload();
  });

  return leave;
}
