// The citizen chat page: starts a conversation on the first message or button, shows the
// transcript, follows the websocket, and survives reloads and network drops.

import * as api from "./api.js";
import { installQuickExit } from "./exit.js";
import { downloadText, transcriptText } from "./savecopy.js";
import { renderStatus } from "./status.js";
import { forgetChat, loadChat, saveChat } from "./store.js";
import { byId, setError, setText } from "../shared/dom.js";
import { MessageList } from "../shared/messages.js";
import { LiveSocket, socketUrl } from "../shared/socket.js";

const body = document.body;
const ui = {
  top: document.querySelector(".top"),
  emergency: byId("emergency"),
  intro: byId("intro"),
  log: byId("log"),
  logRegion: byId("log-region"),
  dock: byId("dock"),
  status: byId("status"),
  connection: byId("connection"),
  error: byId("error"),
  composer: byId("composer"),
  message: byId("message"),
  send: byId("send"),
  askPerson: byId("ask-person"),
  saveCopy: byId("save-copy"),
  newChat: byId("new-chat"),
};
const CALL_999_NOW = body.dataset.call999Now || "";
const REQUEST_HUMAN = "/request_human";

let chat = null; // {id, token}
let state = null;
let socket = null;
let starting = null;
let downTimer = null;

function who(message) {
  if (message.sender === "citizen") return "You";
  if (message.sender === "agent") return `${message.agent_name || "Police staff"} (police staff)`;
  if (message.sender === "bot") return "Assistant";
  return "Notice";
}

const transcript = new MessageList(ui.log, {
  who,
  onButton: (button) => {
    ui.message.focus();
    send({ payload: button.payload });
  },
  buttonsLive: (message, isLast) => isLast && message.sender === "bot" && (!state || state.status === "bot"),
});

// --- layout: keep focused things clear of the sticky bars ------------------------------------------

function measureStickyBars() {
  const root = document.documentElement.style;
  root.setProperty("--top-height", `${ui.top.offsetHeight}px`);
  const docked = getComputedStyle(ui.dock).position === "sticky";
  root.setProperty("--dock-height", docked ? `${ui.dock.offsetHeight}px` : "0px");
}

// Follow the conversation while the reader is at the bottom; leave them be if they scrolled up.
let following = true;

function nearBottom() {
  const page = document.documentElement;
  return window.innerHeight + window.scrollY >= page.scrollHeight - 160;
}

function followBottom() {
  if (following && !ui.logRegion.hidden) window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" });
}

window.addEventListener("scroll", () => (following = nearBottom()), { passive: true });

function add(message, animate = true) {
  if (transcript.add(message, { animate })) followBottom();
}

// --- state -----------------------------------------------------------------------------------------

function applyState(next) {
  if (!next) return;
  state = next;
  renderStatus(ui.status, state, CALL_999_NOW);
  ui.emergency.classList.toggle("emergency--alert", Boolean(state.emergency));
  const closed = state.status === "closed";
  ui.askPerson.hidden = state.status !== "bot";
  ui.newChat.hidden = !closed;
  ui.message.disabled = closed;
  ui.send.disabled = closed;
  transcript.refreshButtons();
}

function showConversation() {
  ui.intro.hidden = true;
  ui.logRegion.hidden = false;
  ui.saveCopy.hidden = false;
}

function showIdle() {
  transcript.clear();
  state = null;
  renderStatus(ui.status, null, CALL_999_NOW);
  ui.intro.hidden = false;
  ui.logRegion.hidden = true;
  ui.saveCopy.hidden = true;
  ui.newChat.hidden = true;
  ui.askPerson.hidden = false;
  ui.message.disabled = false;
  ui.send.disabled = false;
  ui.emergency.classList.remove("emergency--alert");
}

// --- talking to the gateway --------------------------------------------------------------------------

async function resync() {
  if (!chat) return;
  try {
    const data = await api.readTranscript(chat);
    for (const message of data.messages) add(message, false);
    applyState(data.state);
  } catch (error) {
    handleError(error);
  }
}

function connect() {
  socket?.close();
  const current = chat;
  socket = new LiveSocket(
    () => socketUrl(`/api/chat/conversations/${encodeURIComponent(current.id)}/ws`),
    {
      onOpen: () => {
        clearTimeout(downTimer);
        setText(ui.connection, "");
        ui.connection.hidden = true;
        resync(); // anything missed while we were away
      },
      onMessage: (event) => {
        if (event.type === "message") {
          if (event.message.sender === "agent") showTyping(false);
          add(event.message);
        } else if (event.type === "state") applyState(event.state);
        else if (event.type === "typing") showTyping(true);
      },
      onDown: () => {
        clearTimeout(downTimer);
        downTimer = setTimeout(() => {
          setText(ui.connection, "Connection lost. Trying to reconnect…");
          ui.connection.hidden = false;
        }, 2000);
      },
      onFatal: () => lostChat(),
    },
    // The token goes in the socket's first message, not in the URL (proxies log URLs).
    () => JSON.stringify({ type: "auth", token: current.token }),
  );
  socket.connect();
}

async function ensureChat() {
  if (chat) return chat;
  if (!starting) {
    starting = api.startConversation().then((started) => {
      chat = { id: started.conversation_id, token: started.token };
      saveChat(chat);
      showConversation();
      for (const message of started.messages) add(message);
      connect();
      return chat;
    });
    starting.finally(() => (starting = null)).catch(() => {});
  }
  return starting;
}

async function send(content, typed = "") {
  setError(ui.error, "");
  try {
    const current = await ensureChat();
    const reply = await api.sendMessage(current, content);
    for (const message of reply.messages) add(message);
    applyState(reply.state);
    if (!socket || !socket.open) await resync(); // our own message comes back through the socket
  } catch (error) {
    if (typed && !ui.message.value) ui.message.value = typed;
    handleError(error);
  }
}

function handleError(error) {
  if (error instanceof api.ApiError && error.lost && chat) {
    lostChat();
    return;
  }
  if (error instanceof api.ApiError && error.status === 409) resync();
  setError(ui.error, error.message || "Something went wrong. Please try again.");
}

function lostChat() {
  socket?.close();
  socket = null;
  chat = null;
  forgetChat();
  showIdle();
  setError(ui.error, "We couldn't find your chat any more. You can start a new one.");
}

// --- controls ----------------------------------------------------------------------------------------

ui.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.message.value.trim();
  if (!text) {
    setError(ui.error, "Type a message first.");
    ui.message.focus();
    return;
  }
  ui.message.value = "";
  send({ text }, text);
});

ui.message.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    ui.composer.requestSubmit();
  }
});

for (const button of byId("start-buttons").querySelectorAll("button[data-payload]")) {
  button.addEventListener("click", () => {
    ui.message.focus();
    send({ payload: button.dataset.payload });
  });
}

ui.askPerson.addEventListener("click", () => send({ payload: REQUEST_HUMAN }));

ui.saveCopy.addEventListener("click", () => {
  const title = `${body.dataset.forceName} – ${body.dataset.serviceName}`;
  const reference = state ? state.report_reference : null;
  downloadText(transcriptText({ title, messages: transcript.all(), who, reference }));
});

ui.newChat.addEventListener("click", () => {
  socket?.close();
  socket = null;
  chat = null;
  forgetChat();
  showIdle();
  setError(ui.error, "");
  ui.message.focus();
});

// --- start ---------------------------------------------------------------------------------------------

installQuickExit({
  url: body.dataset.exitUrl,
  link: byId("quick-exit"),
  beforeLeave: () => {
    // The person helping sees at once that the citizen has gone (never that they were safe).
    if (chat) api.leaveChat(chat, "exit");
    socket?.close();
  },
});

// Typing indicators both ways: only that someone is typing, never what; at most every 3 s.
const TYPING_EVERY_MS = 3000;
let lastTyping = 0;
let typingTimer = null;
ui.message.addEventListener("input", () => {
  const now = Date.now();
  if (socket && state && state.status === "agent" && now - lastTyping > TYPING_EVERY_MS && ui.message.value.trim()) {
    lastTyping = now;
    socket.send("typing");
  }
});

function showTyping(on) {
  const node = byId("typing");
  if (!node) return;
  clearTimeout(typingTimer);
  const name = state && state.agent_name ? state.agent_name : "The person helping you";
  node.textContent = on ? `${name} is typing…` : "";
  if (on) typingTimer = setTimeout(() => showTyping(false), 6000);
}

const resized = new ResizeObserver(() => {
  measureStickyBars();
  followBottom();
});
for (const node of [ui.top, ui.dock, ui.log]) resized.observe(node);
measureStickyBars();

chat = loadChat();
if (chat) {
  showConversation();
  resync().then(() => {
    if (chat) connect();
  });
}
