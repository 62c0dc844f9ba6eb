// The agent API (README "Agents and supervisors"), through the shared staff session client.

export { ApiError, setCsrf, whenLoggedOut, login, me, logout } from "../shared/staff-api.js";
import { call } from "../shared/staff-api.js";

const chat = (id) => `/api/agent/conversations/${encodeURIComponent(id)}`;

export const setPresence = (presence) => call("POST", "/api/agent/presence", { presence });
export const queue = () => call("GET", "/api/agent/queue");
export const mine = () => call("GET", "/api/agent/conversations");
export const view = (id) => call("GET", chat(id));
export const claim = (id) => call("POST", `${chat(id)}/claim`);
export const reply = (id, text) => call("POST", `${chat(id)}/messages`, { text });
export const release = (id) => call("POST", `${chat(id)}/release`);
export const transfer = (id, to) => call("POST", `${chat(id)}/transfer`, { to });
export const returnToBot = (id) => call("POST", `${chat(id)}/return-to-bot`);
export const close = (id, outcome) => call("POST", `${chat(id)}/close`, { outcome });
export const outcomes = () => call("GET", "/api/agent/outcomes");
export const canned = () => call("GET", "/api/agent/canned-responses");
export const colleagues = () => call("GET", "/api/agent/colleagues");
export const overview = () => call("GET", "/api/supervisor/overview");
