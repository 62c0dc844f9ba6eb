// The chat's id and token live in sessionStorage: they survive a reload but not closing the tab,
// and are never in localStorage, which outlives the visit on a shared computer.

const KEY = "chat";

export function loadChat() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    if (saved && typeof saved.id === "string" && typeof saved.token === "string") return saved;
  } catch {
    // unreadable: treat as no chat
  }
  return null;
}

export function saveChat(chat) {
  sessionStorage.setItem(KEY, JSON.stringify({ id: chat.id, token: chat.token }));
}

export function forgetChat() {
  try {
    sessionStorage.removeItem(KEY);
    sessionStorage.clear();
  } catch {
    // storage disabled: nothing was kept
  }
}
