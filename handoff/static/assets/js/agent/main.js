// The agent console: log in (or pick the session up again after a reload), follow the queue and
// my chats over /api/agent/ws, claim, talk, move and close chats; supervisors also see the overview.

import * as api from "./api.js";
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
  logout: byId("logout"),
  noAccess: byId("no-access"),
  workspace: byId("workspace"),
  connection: byId("connection"),
  error: byId("error"),
};
const TAKES_CHATS = ["agent", "supervisor", "admin"];
const OVERSEES = ["supervisor", "admin"];
const ANALYSES = ["analyst", "admin"]; // roles with the analyst pages (review queue, dashboard)

let me = null;
let socket = null;
let queue = null;
let mine = null;
let conversation = null;
let overview = null;
let downTimer = null;

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
  sessionStorage.removeItem(presenceKey());
  showLogin();
});

// --- presence ------------------------------------------------------------------------------------

const presenceKey = () => `presence:${me ? me.id : ""}`;

function showPresence(value) {
  ui.presence.setAttribute("aria-pressed", value === "available" ? "true" : "false");
  sessionStorage.setItem(presenceKey(), value);
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
  const remembered = sessionStorage.getItem(presenceKey());
  // On duty but not yet taking chats until the agent says so; after a reload, as they left it.
  if (fresh || !remembered) await setPresence("away");
  else showPresence(remembered);

  queue = new QueueView({ list: byId("queue"), count: byId("queue-count"), empty: byId("queue-empty"), onClaim: claim });
  mine = new MyChats({ list: byId("mine"), count: byId("mine-count"), empty: byId("mine-empty"), onSelect: select });
  conversation = new ConversationView({ me, onMoved: moved, onError: showError });
  if (OVERSEES.includes(me.role)) {
    overview = new OverviewView({ section: byId("overview"), stats: byId("stats"), agents: byId("agents") });
    api.overview().then((data) => overview.update(data)).catch(showError);
  }
  api.outcomes().then((data) => conversation.setOutcomes(data.outcomes)).catch(showError);
  api.canned().then((data) => conversation.setCanned(data.canned_responses)).catch(showError);
  connect();
  if (fresh) byId("queue-heading").scrollIntoView({ block: "nearest" });
}

function stop() {
  socket?.close();
  socket = null;
  queue?.stop();
  conversation?.close();
  for (const id of ["queue", "mine", "stats", "agents"]) byId(id).replaceChildren();
  byId("overview").hidden = true;
  queue = mine = conversation = overview = null;
}

function connect() {
  socket = new LiveSocket(() => socketUrl("/api/agent/ws"), {
    onOpen: () => {
      clearTimeout(downTimer);
      ui.connection.hidden = true;
      conversation?.refresh(); // anything said while we were away
    },
    onMessage: handle,
    onDown: () => {
      clearTimeout(downTimer);
      downTimer = setTimeout(() => {
        setText(ui.connection, "Connection lost. Reconnecting…");
        ui.connection.hidden = false;
      }, 2000);
    },
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
    if (event.message.sender === "citizen" && event.conversation_id !== conversation.id) {
      mine.markUnread(event.conversation_id);
      announce(`New message in chat ${shortId(event.conversation_id)}.`);
    }
  } else if (event.type === "conversation") {
    const summary = event.conversation;
    if (summary.status === "agent" && summary.agent_id === me.id) {
      if (!mine.has(summary.conversation_id)) announce(`Chat ${shortId(summary.conversation_id)} is now yours.`);
      mine.upsert(summary);
    } else {
      mine.remove(summary.conversation_id);
    }
    conversation.updateSummary(summary);
  } else if (event.type === "overview") {
    overview?.update(event);
  }
}

// --- actions ----------------------------------------------------------------------------------------

async function claim(id, button) {
  showError(null);
  button.disabled = true;
  try {
    const { conversation: summary } = await api.claim(id);
    mine.upsert(summary);
    await select(id);
  } catch (error) {
    showError(error);
    button.disabled = false;
  }
}

async function select(id) {
  showError(null);
  mine.select(id);
  try {
    await conversation.open(id);
  } catch (error) {
    showError(error);
  }
}

function moved(summary, done) {
  if (!(summary.status === "agent" && summary.agent_id === me.id)) mine.remove(summary.conversation_id);
  announce(done);
}

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
