// The agent API (README "Agents and supervisors"), through the shared staff session client.

export { ApiError, setCsrf, whenLoggedOut, login, me, logout } from "../shared/staff-api.js";
import { call } from "../shared/staff-api.js";

const chat = (id) => `/api/agent/conversations/${encodeURIComponent(id)}`;

export const setPresence = (presence) => call("POST", "/api/agent/presence", { presence });
export const queue = () => call("GET", "/api/agent/queue");
export const mine = () => call("GET", "/api/agent/conversations");
export const view = (id) => call("GET", chat(id));
export const claim = (id) => call("POST", `${chat(id)}/claim`);
export const claimNext = () => call("POST", "/api/agent/claim-next");
export const reply = (id, text) => call("POST", `${chat(id)}/messages`, { text });
export const release = (id) => call("POST", `${chat(id)}/release`);
export const transfer = (id, to, note) => call("POST", `${chat(id)}/transfer`, { to, note });
export const acceptHandover = (id) => call("POST", `${chat(id)}/handover/accept`);
export const returnToBot = (id) => call("POST", `${chat(id)}/return-to-bot`);
export const close = (id, outcome, details = {}) => call("POST", `${chat(id)}/close`, { outcome, ...details });
export const addNote = (id, text) => call("POST", `${chat(id)}/notes`, { text });
export const markRead = (id, messageId) => call("POST", `${chat(id)}/read`, { message_id: messageId });
export const typing = (id) => call("POST", `${chat(id)}/typing`);
export const outcomes = () => call("GET", "/api/agent/outcomes");
export const canned = () => call("GET", "/api/agent/canned-responses");
export const colleagues = () => call("GET", "/api/agent/colleagues");
export const overview = () => call("GET", "/api/supervisor/overview");
export const watch = (id) => call("GET", `/api/supervisor/conversations/${encodeURIComponent(id)}/watch`);
export const audit = (params) => call("GET", `/api/supervisor/audit?${new URLSearchParams(params)}`);
