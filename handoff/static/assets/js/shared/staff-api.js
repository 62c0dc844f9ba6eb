// The staff session client shared by the agent console and the analyst pages: the session cookie
// goes with every request, and the CSRF token, kept in memory only (never in storage), is sent as
// X-CSRF-Token on every state change. Errors carry the gateway's JSON {"error": ...} text.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let csrf = "";
let onLoggedOut = () => {};

export function setCsrf(token) {
  csrf = token || "";
}

/** Called when the session ends under the page (a 401 from anything but the login itself). */
export function whenLoggedOut(handler) {
  onLoggedOut = handler;
}

export async function call(method, path, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    headers["X-CSRF-Token"] = csrf;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: method === "GET" ? undefined : JSON.stringify(body || {}),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "The gateway cannot be reached. Check the connection and try again.");
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, (data && data.error) || `Request failed (${response.status})`);
    error.data = data; // the whole JSON error (a 422 may name the field)
    if (response.status === 401 && path !== "/api/agent/login") onLoggedOut();
    throw error;
  }
  return data;
}

export const login = (username, password) => call("POST", "/api/agent/login", { username, password });
export const me = () => call("GET", "/api/agent/me");
export const logout = () => call("POST", "/api/agent/logout");
