// The analyst login page: log in through the staff API, then go to the page asked for. The server
// decides what that page shows (the page, or 403 for a role without analyst access).

import * as api from "./api.js";
import { byId, setError } from "../shared/dom.js";

const form = byId("login-form");
const username = byId("username");
const password = byId("password");
const error = byId("login-error");
// The server only hands over an analyst page here; checked again so nothing else can be reached.
const NEXT = /^\/analyst\/(review|dashboard)(\?[A-Za-z0-9_.~%&=+-]*)?$/;
const next = NEXT.test(form.dataset.next || "") ? form.dataset.next : "/analyst/review";

function invalid(field, on) {
  if (on) field.setAttribute("aria-invalid", "true");
  else field.removeAttribute("aria-invalid");
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = username.value.trim();
  invalid(username, !name);
  invalid(password, !password.value);
  if (!name || !password.value) {
    setError(error, "Enter your username and password.");
    (name ? password : username).focus();
    return;
  }
  try {
    await api.login(name, password.value);
    password.value = "";
    window.location.assign(next);
  } catch (failure) {
    setError(
      error,
      failure.status === 401
        ? "Wrong username or password."
        : failure.status === 429
          ? "Too many failed attempts. Wait a minute and try again."
          : failure.message,
    );
    password.focus();
  }
});

username.focus();
