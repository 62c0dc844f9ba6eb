// The reports desk (/desk): log in (or pick the session up after a reload), the list of submitted
// reports most urgent first, one report's fields, transcript, history and deliveries, claim,
// and the THRIVE assessment with the decision. Supervisors and admins also see failed deliveries
// and can deliver them again. Everything reaches the page through textContent, never as HTML.

import { ApiError, call, login, logout, me, setCsrf, whenLoggedOut } from "../shared/staff-api.js";
import { announce } from "../shared/announce.js";
import { byId, el, setError, setText } from "../shared/dom.js";
import { elapsed } from "../shared/time.js";

const DESK_ROLES = ["desk", "supervisor", "admin"];
const OVERSEES = ["supervisor", "admin"];
const REFRESH_MS = 15000;
const WORDS = {
  crime: "Crime",
  collision: "Collision",
  community: "Community information",
  new: "New",
  claimed: "Claimed",
  decided: "Decided",
  crime_recorded: "Crime recorded",
  incident_recorded: "Incident recorded",
  no_further_action: "No further action",
  referred: "Referred to another organisation",
  duplicate: "Duplicate of another report",
  needs_contact: "Needs contact with the citizen",
  threat: "Threat",
  harm: "Harm",
  risk: "Risk",
  investigation: "Investigation",
  vulnerability: "Vulnerability",
  engagement: "Engagement",
  low: "Low",
  medium: "Medium",
  high: "High",
};
const word = (key) => WORDS[key] || String(key || "").replaceAll("_", " ");

const ui = {
  login: byId("login"),
  loginForm: byId("login-form"),
  loginError: byId("login-error"),
  username: byId("username"),
  password: byId("password"),
  session: byId("session"),
  who: byId("who"),
  logout: byId("logout"),
  noAccess: byId("no-access"),
  workspace: byId("workspace"),
  error: byId("error"),
  figures: byId("figures"),
  dead: byId("dead"),
  deadCount: byId("dead-count"),
  deadList: byId("dead-list"),
  status: byId("filter-status"),
  kind: byId("filter-kind"),
  reports: byId("reports"),
  reportsCount: byId("reports-count"),
  reportsEmpty: byId("reports-empty"),
  report: byId("report"),
  noReport: byId("no-report"),
  heading: byId("report-heading"),
  meta: byId("report-meta"),
  notice: byId("report-notice"),
  claim: byId("claim"),
  release: byId("release"),
  fields: byId("fields"),
  transcript: byId("transcript"),
  history: byId("history"),
  deliveries: byId("deliveries"),
  deliveriesEmpty: byId("deliveries-empty"),
  decision: byId("decision"),
  decisionError: byId("decision-error"),
  thrive: byId("thrive"),
  outcome: byId("outcome"),
  crimeReference: byId("crime-reference"),
  note: byId("note"),
  citizenMessage: byId("citizen-message"),
  decided: byId("decided"),
  decidedFields: byId("decided-fields"),
};

let user = null;
let options = null;
let current = null; // the open report's detail
let timer = null;

const showError = (error) => setError(ui.error, error ? error.message || String(error) : "");
const when = (iso) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "");

// --- session -------------------------------------------------------------------------------------

function showLogin(message = "") {
  clearInterval(timer);
  user = null;
  setCsrf("");
  ui.session.hidden = true;
  ui.workspace.hidden = true;
  ui.noAccess.hidden = true;
  ui.login.hidden = false;
  setError(ui.loginError, message);
  ui.username.focus();
}

whenLoggedOut(() => showLogin("Your session has ended. Please log in again."));

ui.loginForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const username = ui.username.value.trim();
  const password = ui.password.value;
  if (!username || !password) {
    setError(ui.loginError, "Enter your username and password.");
    return;
  }
  try {
    const session = await login(username, password);
    ui.password.value = "";
    await start(session);
  } catch (error) {
    setError(ui.loginError, error.status === 401 ? "Wrong username or password." : error.message);
    ui.password.focus();
  }
});

ui.logout.addEventListener("click", async () => {
  try {
    await logout();
  } catch {
    // logged out either way
  }
  showLogin();
});

async function start(session) {
  setCsrf(session.csrf_token);
  user = session.user;
  ui.login.hidden = true;
  ui.session.hidden = false;
  setText(ui.who, `${user.display_name} (${user.role})`);
  if (!DESK_ROLES.includes(user.role)) {
    ui.noAccess.hidden = false;
    setText(ui.noAccess, "Your role does not use the reports desk. Desk staff, supervisors and admins do.");
    return;
  }
  ui.workspace.hidden = false;
  options = await call("GET", "/api/desk/options");
  buildDecisionForm();
  await refresh();
  clearInterval(timer);
  timer = setInterval(() => refresh().catch(showError), REFRESH_MS);
  byId("reports-heading").focus?.();
}

// --- the list ------------------------------------------------------------------------------------

async function refresh() {
  const status = ui.status.value;
  const kind = ui.kind.value;
  const query = new URLSearchParams({ status });
  if (kind) query.set("kind", kind);
  const [list, figures] = await Promise.all([
    call("GET", `/api/desk/reports?${query}`),
    call("GET", "/api/desk/figures"),
  ]);
  showError(null);
  renderFigures(figures);
  renderList(list.reports);
  if (OVERSEES.includes(user.role)) renderDead((await call("GET", "/api/desk/dead-letters")).deliveries);
}

function renderFigures(f) {
  const items = [
    ["Open", f.open],
    ["Overdue", f.overdue],
    ["Oldest open", f.oldest_open_seconds == null ? "none" : elapsed(f.oldest_open_seconds)],
    ["Decided today", f.decided_today],
    ["Crime open", f.open_by_kind.crime],
    ["Collision open", f.open_by_kind.collision],
    ["Community open", f.open_by_kind.community],
    ["Failed deliveries", f.dead_letters],
  ];
  ui.figures.replaceChildren(...items.map(([label, value]) => el("div", {}, el("dt", { text: label }), el("dd", { text: value }))));
}

function renderList(reports) {
  setText(ui.reportsCount, `(${reports.length})`);
  ui.reportsEmpty.hidden = reports.length > 0;
  ui.reports.replaceChildren(
    ...reports.map((r) => {
      const risk = r.priority === 1;
      const badges = [];
      if (r.overdue) badges.push(el("span", { class: "badge badge--overdue", text: "Overdue" }));
      if (risk) badges.push(el("span", { class: "badge badge--risk", text: "Risk" }));
      const button = el(
        "button",
        {
          class: `reports-list__button${risk ? " reports-list__button--risk" : ""}${r.overdue ? " reports-list__button--overdue" : ""}`,
          attrs: { type: "button", "aria-current": current && current.report.reference === r.reference ? "true" : "false" },
          on: { click: () => open(r.reference) },
        },
        el("span", { class: "reports-list__top" }, el("span", { text: r.reference }), el("span", { text: `${word(r.kind)} · ${word(r.status)}` }), ...badges),
        el("span", { class: "reports-list__summary", text: r.summary || "(no description)" }),
        el("span", {
          class: "reports-list__due",
          text: r.status === "decided" ? `Decided: ${word(r.outcome)}` : `Due ${when(r.due_at)}${r.claimed_by ? ` · with ${r.claimed_by}` : ""}`,
        }),
      );
      return el("li", {}, button);
    }),
  );
}

function renderDead(deliveries) {
  ui.dead.hidden = deliveries.length === 0;
  setText(ui.deadCount, `(${deliveries.length})`);
  ui.deadList.replaceChildren(
    ...deliveries.map((d) =>
      el(
        "li",
        {},
        el("span", { text: `${d.reference}: ${d.event} after ${d.attempts} attempts (${d.last_error || "no answer"}) ` }),
        el("button", {
          class: "button button--small button--secondary",
          text: `Deliver ${d.reference} again`,
          attrs: { type: "button" },
          on: { click: () => redeliver(d) },
        }),
      ),
    ),
  );
}

async function redeliver(delivery) {
  try {
    await call("POST", `/api/desk/deliveries/${encodeURIComponent(delivery.id)}/redeliver`);
    announce(`${delivery.reference}: delivery queued again.`);
    await refresh();
  } catch (error) {
    showError(error);
  }
}

ui.status.addEventListener("change", () => refresh().catch(showError));
ui.kind.addEventListener("change", () => refresh().catch(showError));

// --- one report ----------------------------------------------------------------------------------

async function open(reference, { focus = true } = {}) {
  try {
    current = await call("GET", `/api/desk/reports/${encodeURIComponent(reference)}`);
  } catch (error) {
    showError(error);
    return;
  }
  renderReport();
  for (const button of ui.reports.querySelectorAll("button")) {
    button.setAttribute("aria-current", button.textContent.startsWith(reference) ? "true" : "false");
  }
  if (focus) ui.heading.focus();
}

function renderReport() {
  const { report } = current;
  ui.report.hidden = false;
  ui.noReport.hidden = true;
  setText(ui.heading, `${word(report.kind)} report ${report.reference}`);
  const flags = report.risk_flags.length ? ` Risk: ${report.risk_flags.map(word).join(", ")}.` : "";
  setText(
    ui.meta,
    `Submitted ${when(report.submitted_at)}. Decision due ${when(report.due_at)}${report.overdue ? " (overdue)" : ""}.` +
      ` ${word(report.status)}${report.claimed_by ? ` by ${report.claimed_by}` : ""}.${flags}` +
      (report.anonymous ? " Anonymous: no contact details." : ""),
  );
  const mine = report.claimed_by === user.display_name;
  ui.claim.hidden = report.status !== "new";
  ui.release.hidden = !(report.status === "claimed" && (mine || OVERSEES.includes(user.role)));
  const canDecide = report.status === "new" || mine || (report.status === "claimed" && OVERSEES.includes(user.role));
  ui.decision.hidden = report.status === "decided" || !canDecide;
  ui.notice.hidden = !(report.status === "claimed" && !mine);
  setText(ui.notice, report.status === "claimed" && !mine ? `${report.claimed_by} is assessing this report.` : "");

  ui.fields.replaceChildren(
    ...report.fields.flatMap((f) => [el("dt", { text: f.label || f.slot }), el("dd", { text: f.note ? `${f.display} (${f.note})` : f.display })]),
  );
  ui.transcript.replaceChildren(
    ...current.messages.map((m) =>
      el(
        "li",
        { class: `msg msg--${m.sender}` },
        el("p", { class: "msg__who", text: m.sender === "agent" && m.agent_name ? m.agent_name : m.sender }),
        el("p", { class: "msg__text", text: m.text }),
      ),
    ),
  );
  ui.history.replaceChildren(
    ...current.history.map((h) => el("li", { text: `${when(h.at)}: ${word(h.action)}${h.by ? ` by ${h.by}` : ""}${h.detail && h.detail.outcome ? ` (${word(h.detail.outcome)})` : ""}` })),
  );
  ui.deliveriesEmpty.hidden = current.deliveries.length > 0;
  ui.deliveries.replaceChildren(
    ...current.deliveries.map((d) =>
      el("li", {
        text: `${d.event} (${d.channel}): ${d.status}, ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}${d.delivered_at ? `, delivered ${when(d.delivered_at)}` : ""}${d.last_error ? ` (last: ${d.last_error})` : ""}`,
      }),
    ),
  );
  const decision = report.decision;
  ui.decided.hidden = !decision;
  if (decision) {
    const rows = [
      ["Outcome", word(decision.outcome)],
      ["Crime reference", decision.crime_reference || "none"],
      ...Object.entries(decision.thrive || {}).map(([item, level]) => [word(item), word(level)]),
      ["Note", decision.note || "none"],
      ["Decided", `${when(decision.decided_at)} by ${decision.decided_by || "someone"}`],
    ];
    ui.decidedFields.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
  }
}

ui.claim.addEventListener("click", async () => {
  const reference = current.report.reference;
  try {
    await call("POST", `/api/desk/reports/${encodeURIComponent(reference)}/claim`);
    announce(`You have claimed ${reference}.`);
  } catch (error) {
    showError(error.status === 409 ? new ApiError(409, "Someone else has just claimed this report.") : error);
  }
  await open(reference, { focus: false });
  // Straight on to the assessment (before the list refreshes, so the focus never jumps later).
  (ui.decision.hidden ? ui.heading : ui.thrive.querySelector("input"))?.focus();
  await refresh().catch(showError);
});

ui.release.addEventListener("click", async () => {
  const reference = current.report.reference;
  try {
    await call("POST", `/api/desk/reports/${encodeURIComponent(reference)}/release`);
    announce(`${reference} is back on the desk.`);
  } catch (error) {
    showError(error);
  }
  await open(reference);
  await refresh().catch(showError);
});

// --- the decision --------------------------------------------------------------------------------

function buildDecisionForm() {
  ui.outcome.replaceChildren(
    el("option", { text: "Choose an outcome", attrs: { value: "" } }),
    ...options.outcomes.map((o) => el("option", { text: word(o), attrs: { value: o } })),
  );
  const legend = ui.thrive.querySelector("legend");
  ui.thrive.replaceChildren(
    legend,
    ...options.thrive_items.map((item) =>
      el(
        "fieldset",
        { class: "thrive__item", attrs: { id: `thrive-${item}` } },
        el("legend", { text: word(item) }),
        ...options.thrive_levels.map((level) =>
          el(
            "label",
            { class: "thrive__choice" },
            el("input", { attrs: { type: "radio", name: `thrive-${item}`, value: level } }),
            el("span", { text: word(level) }),
          ),
        ),
      ),
    ),
  );
}

function fieldFor(name) {
  if (name.startsWith("thrive.")) return ui.thrive.querySelector(`input[name="thrive-${name.slice(7)}"]`);
  return { outcome: ui.outcome, crime_reference: ui.crimeReference, note: ui.note, citizen_message: ui.citizenMessage }[name];
}

ui.decision.addEventListener("submit", async (event) => {
  event.preventDefault();
  const reference = current.report.reference;
  const thrive = {};
  for (const item of options.thrive_items) {
    const chosen = ui.thrive.querySelector(`input[name="thrive-${item}"]:checked`);
    if (chosen) thrive[item] = chosen.value;
  }
  const body = {
    outcome: ui.outcome.value,
    crime_reference: ui.crimeReference.value.trim(),
    thrive,
    note: ui.note.value,
    citizen_message: ui.citizenMessage.value,
  };
  try {
    await call("POST", `/api/desk/reports/${encodeURIComponent(reference)}/decision`, body);
  } catch (error) {
    setError(ui.decisionError, error.message);
    // A 422 names the field: the cursor goes there.
    const field = error.status === 422 && error.data ? fieldFor(String(error.data.field || "")) : null;
    (field || ui.decisionError).focus?.();
    return;
  }
  setError(ui.decisionError, "");
  ui.decision.reset();
  announce(`Decision recorded for ${reference}.`);
  await open(reference, { focus: false });
  await refresh().catch(showError);
  ui.heading.focus();
});

// --- start ---------------------------------------------------------------------------------------

(async () => {
  try {
    await start(await me());
  } catch {
    showLogin();
  }
})();
