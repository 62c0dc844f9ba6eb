// The analyst API (README "Analysts"), through the shared staff session client.

export { ApiError, setCsrf, login, me, logout } from "../shared/staff-api.js";
import { call } from "../shared/staff-api.js";

/** A query string from the entries that have a value ("" and null are left out). */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== "" && value !== null && value !== undefined) search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const review = (params) => call("GET", `/api/analyst/review${query(params)}`);
export const correct = (messageId, intent) =>
  call("POST", `/api/analyst/review/${encodeURIComponent(messageId)}`, { intent });
export const confirm = (messageId) =>
  call("POST", `/api/analyst/review/${encodeURIComponent(messageId)}`, { reviewed: true });
export const dashboard = (params) => call("GET", `/api/analyst/dashboard${query(params)}`);
export const chartUrl = (name, params) => `/api/analyst/charts/${encodeURIComponent(name)}.png${query(params)}`;
