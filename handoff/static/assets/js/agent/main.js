// The agent console: log in (or pick the session up again after a reload), follow the queue and
// my chats over /api/agent/ws, claim, talk, move and close chats; supervisors also see the overview.
// Built for a busy shift: the queue and my chats scroll in their own regions, "Claim next" and the
// other moves have keyboard shortcuts, and anything new outside the open chat is heard (sound),
// seen (tab title, desktop notification) and announced.

import * as api from "./api.js";
import { Attention } from "./attention.js";
import { MyChats } from "./chats.js";
import { ConversationView } from "./conversation.js";
import { QueueView } from "./queue.js";
import { OverviewView } from "./supervisor.js";
import { shortId } from "./words.js";
import { announce } from "../shared/announce.js";
import { byId, setError, setText } from "../shared/dom.js";
import { LiveSocket, socketUrl } from "../shared/socket.js";

const ui = {
  login: byId("login"),
  loginForm: byId("login-form"),
  loginError: byId("login-error"),
  username: byId("username"),
  password: byId("password"),
  session: byId("session"),
  who: byId("who"),
  presence: byId("presence"),
  presenceState: byId("presence-state"),
  logout: byId("logout"),
  noAccess: byId("no-access"),
  workspace: byId("workspace"),
  connection: byId("connection"),
  error: byId("error"),
  queueError: byId("queue-error"),
  claimNext: byId("claim-next"),
  released: byId("released"),
};
const TAKES_CHATS = ["agent", "supervisor", "admin"];
const OVERSEES = ["supervisor", "admin"];
const ANALYSES = ["analyst", "admin"]; // roles with the analyst pages (review queue, dashboard)
const OPEN_KEY = "console:open";

let me = null;
let socket = null;
let queue = null;
let mine = null;
let conversation = null;
let overview = null;
const attention = new Attention({ soundButton: byId("sound"), notifyButton: byId("notify"), baseTitle: document.title });

function showError(error) {
  setError(ui.error, error ? error.message || String(error) : "");
}

// --- session -------------------------------------------------------------------------------------

function showLogin(message = "") {
  stop();
  me = null;
  api.setCsrf("");
  ui.session.hidden = true;
  ui.workspace.hidden = true;
  ui.noAccess.hidden = true;
  ui.login.hidden = false;
  setError(ui.loginError, message);
  ui.username.focus();
}

ui.loginForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const username = ui.username.value.trim();
  const password = ui.password.value;
  if (!username || !password) {
    setError(ui.loginError, "Enter your username and password.");
    return;
  }
  try {
    const session = await api.login(username, password);
    ui.password.value = "";
    await start(session, { fresh: true });
  } catch (error) {
    setError(ui.loginError, error.status === 401 ? "Wrong username or password." : error.message);
    ui.password.focus();
  }
});

ui.logout.addEventListener("click", async () => {
  try {
    await api.setPresence("offline");
  } catch {
    // logging out matters more
  }
  try {
    await api.logout();
  } catch {
    // the session may already be gone
  }
  sessionStorage.removeItem(OPEN_KEY);
  showLogin();
});

// --- presence ------------------------------------------------------------------------------------

function showPresence(value) {
  ui.presence.setAttribute("aria-pressed", value === "available" ? "true" : "false");
}

async function setPresence(value) {
  try {
    const { user } = await api.setPresence(value);
    showPresence(user.presence);
    announce(user.presence === "available" ? "You are available for new chats." : "You are away: no new chats.");
  } catch (error) {
    showError(error);
  }
}

ui.presence.addEventListener("click", () => {
  setPresence(ui.presence.getAttribute("aria-pressed") === "true" ? "away" : "available");
});

// --- the workspace --------------------------------------------------------------------------------

function updateTitle() {
  const waitingEmergencies = queue ? queue.emergencyCount : 0;
  attention.setCount((mine ? mine.totalUnread() : 0) + waitingEmergencies);
}

async function start(session, { fresh = false } = {}) {
  api.setCsrf(session.csrf_token);
  me = session.user;
  ui.login.hidden = true;
  setError(ui.loginError, "");
  ui.session.hidden = false;
  setText(ui.who, `${me.display_name} (${me.role})`);
  byId("analyst-links").hidden = !ANALYSES.includes(me.role);
  if (!TAKES_CHATS.includes(me.role)) {
    ui.presence.hidden = true;
    const more = ANALYSES.includes(me.role) ? " Open the review queue or the dashboard from the links above." : "";
    setText(ui.noAccess, `Your role (${me.role}) does not take live chats.${more}`);
    ui.noAccess.hidden = false;
    return;
  }
  ui.presence.hidden = false;
  ui.workspace.hidden = false;
  // A fresh login starts away until the agent says so; a reload or a reconnect keeps exactly the
  // presence the server has (never silently Away).
  if (fresh) await setPresence("away");
  else showPresence(me.presence);

  queue = new QueueView({
    list: byId("queue"),
    count: byId("queue-count"),
    empty: byId("queue-empty"),
    filters: byId("filters"),
    region: byId("queue-region"),
    onClaim: claim,
    onMine: () => focusMine(),
    onEmergency: (rows) => attention.alert("emergency", `Emergency waiting: chat ${shortId(rows[0].conversation_id)}`),
    onChange: updateTitle,
  });
  mine = new MyChats({
    list: byId("mine"),
    count: byId("mine-count"),
    empty: byId("mine-empty"),
    onSelect: select,
    onChange: (chats) => {
      queue?.setMineCount(chats.ids().length);
      updateTitle();
    },
  });
  conversation = new ConversationView({ me, onMoved: moved, onError: showError });
  if (OVERSEES.includes(me.role)) {
    overview = new OverviewView({
      section: byId("overview"),
      stats: byId("stats"),
      agents: byId("agents"),
      alerts: byId("alerts"),
      onWatch: (id) => conversation.open(id, { watch: true }).catch(showError),
    });
    api.overview().then((data) => overview.update(data)).catch(showError);
  }
  api.outcomes().then((data) => conversation.setOutcomes(data)).catch(showError);
  api.canned().then((data) => conversation.setCanned(data.canned_responses)).catch(showError);
  connect();
}

function stop() {
  socket?.close();
  socket = null;
  queue?.stop();
  conversation?.close();
  for (const id of ["queue", "mine", "stats", "agents"]) byId(id).replaceChildren();
  byId("overview").hidden = true;
  queue = mine = conversation = overview = null;
  attention.setCount(0);
}

function setConnection(text) {
  setText(ui.connection, text);
  ui.connection.hidden = !text;
  setText(ui.presenceState, text ? "Reconnecting…" : "");
}

function connect() {
  let restored = false;
  socket = new LiveSocket(() => socketUrl("/api/agent/ws"), {
    onOpen: async () => {
      setConnection("");
      try {
        // Back after a drop: presence and chats exactly as the server kept them.
        const session = await api.me();
        showPresence(session.user.presence);
      } catch {
        // the socket's own events carry on
      }
      conversation?.refresh(); // anything said while we were away
    },
    onMessage: (event) => {
      handle(event);
      if (event.type === "mine" && !restored) {
        restored = true;
        const open = sessionStorage.getItem(OPEN_KEY);
        if (open && mine.has(open)) select(open, { focus: false });
      }
    },
    // Said at once: the agent is never left thinking they are connected, nor silently Away.
    onDown: () => setConnection("Connection lost. Reconnecting… Your chats stay yours for the grace period."),
    onFatal: () => showLogin("Your session has ended. Please log in again."),
  });
  socket.connect();
}

function handle(event) {
  if (!me || !queue) return;
  if (event.type === "queue") {
    queue.update(event.conversations || []);
  } else if (event.type === "mine") {
    mine.set(event.conversations || []);
  } else if (event.type === "message") {
    conversation.addMessage(event.conversation_id, event.message);
    if (event.message.sender === "citizen" && mine.has(event.conversation_id)) {
      mine.noteMessage(event.conversation_id, event.message);
      if (event.conversation_id !== conversation.id || document.hidden) {
        announce(`New message in chat ${shortId(event.conversation_id)}.`);
        attention.alert("message", `New message in chat ${shortId(event.conversation_id)}`);
      }
    }
  } else if (event.type === "typing") {
    if (event.conversation_id === conversation.id) conversation.showTyping(true);
  } else if (event.type === "conversation") {
    const summary = event.conversation;
    if (summary.status === "agent" && summary.agent_id === me.id) {
      if (!mine.has(summary.conversation_id)) {
        const transferred = summary.handover_pending;
        announce(`Chat ${shortId(summary.conversation_id)} is now yours${transferred ? ": a colleague transferred it with a handover note" : ""}.`);
        if (transferred) attention.alert("transfer", `Chat ${shortId(summary.conversation_id)} transferred to you`);
      }
      mine.upsert(summary);
    } else {
      mine.remove(summary.conversation_id);
    }
    conversation.updateSummary(summary);
  } else if (event.type === "released") {
    const ids = (event.conversation_ids || []).map(shortId).join(", ");
    setText(ui.released, `While you were disconnected for longer than the grace period, these chats went back to the queue: ${ids}.`);
    ui.released.hidden = false;
  } else if (event.type === "overview") {
    overview?.update(event);
  }
}

// --- actions ----------------------------------------------------------------------------------------

async function claim(id, button) {
  setError(ui.queueError, "");
  if (button) button.disabled = true;
  try {
    const { conversation: summary } = await api.claim(id);
    mine.upsert(summary);
    queueToTop();
    await select(id);
  } catch (error) {
    setError(ui.queueError, error.message);
    if (button?.isConnected) {
      button.disabled = false;
      button.focus();
    }
  }
}

async function claimNext() {
  setError(ui.queueError, "");
  try {
    const { conversation: summary } = await api.claimNext();
    mine.upsert(summary);
    queueToTop();
    announce(`Claimed chat ${shortId(summary.conversation_id)}${summary.emergency ? ", an emergency" : ""}.`);
    await select(summary.conversation_id);
  } catch (error) {
    // Beside the button that caused it, and announced (role=alert).
    setError(ui.queueError, error.message);
    ui.claimNext.focus();
  }
}

ui.claimNext.addEventListener("click", claimNext);

/** After a claim the queue shows its top again: the most urgent chat stays in view. */
function queueToTop() {
  byId("queue-region").scrollTop = 0;
}

async function select(id, { focus = true } = {}) {
  showError(null);
  mine.select(id);
  sessionStorage.setItem(OPEN_KEY, id);
  try {
    await conversation.open(id, { focus });
  } catch (error) {
    showError(error);
  }
}

function focusMine() {
  const first = byId("mine").querySelector("button[aria-current='true']") || byId("mine").querySelector("button");
  if (first) first.focus();
  else byId("mine-panel").querySelector(".scroll").focus();
}

function moved(summary, done) {
  if (!(summary.status === "agent" && summary.agent_id === me.id)) {
    mine.remove(summary.conversation_id);
    if (sessionStorage.getItem(OPEN_KEY) === summary.conversation_id) sessionStorage.removeItem(OPEN_KEY);
  }
  announce(done);
}

// --- keyboard shortcuts --------------------------------------------------------------------------------

document.addEventListener("keydown", (event) => {
  if (!me || !queue || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
  const actions = {
    KeyC: () => claimNext(),
    KeyN: () => {
      const next = mine.next();
      if (next) select(next);
      else announce("You have no other chats.");
    },
    KeyQ: () => queue.focusFirst(),
    KeyR: () => {
      const reply = byId("reply");
      if (!reply.disabled && !byId("conversation").hidden) reply.focus();
    },
    KeyX: () => conversation.focusClose() || announce("No chat to close."),
  };
  const action = actions[event.code];
  if (!action) return;
  event.preventDefault();
  action();
});

// --- start --------------------------------------------------------------------------------------------

api.whenLoggedOut(() => {
  if (me) showLogin("Your session has ended. Please log in again.");
});

try {
  await start(await api.me());
} catch (error) {
  if (error.status === 401) showLogin();
  else {
    ui.login.hidden = false;
    showError(error);
  }
}
