// The signed-in part of every analyst page: the CSRF token for this session (the page itself was
// only rendered because the server found an analyst session) and the "Log out" button.

import * as api from "./api.js";
import { byId } from "../shared/dom.js";

/** Where to log in again and come back to this page. */
export const loginUrl = () =>
  `/analyst/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;

/** Sends the browser to the login page when the session has ended (any 401 from the API). */
export function whenSignedOut(error) {
  if (error && error.status === 401) {
    window.location.assign(loginUrl());
    return true;
  }
  return false;
}

async function logOut() {
  try {
    await api.logout();
  } catch {
    // the session may already be gone
  }
  window.location.assign("/analyst/login");
}

export function wireLogout() {
  byId("logout")?.addEventListener("click", logOut);
}

/** Fetches the CSRF token; resolves to the user, or null when the session is gone. */
export async function startSession() {
  wireLogout();
  try {
    const session = await api.me();
    api.setCsrf(session.csrf_token);
    return session.user;
  } catch (error) {
    if (!whenSignedOut(error)) throw error;
    return null;
  }
}
