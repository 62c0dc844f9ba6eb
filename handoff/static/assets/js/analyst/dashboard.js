// The dashboard: figures over a chosen period (the last N days, or two dates). Each chart is the
// server's matplotlib PNG with alt text written from the same figures, and a text table beside it
// built from GET /api/analyst/dashboard — text through textContent only.

import * as api from "./api.js";
import { startSession, whenSignedOut } from "./session.js";
import { announce } from "../shared/announce.js";
import { byId, el, setError, setText } from "../shared/dom.js";
import { count, day, duration, percent, topicLabel } from "./words.js";

const MAX_DAYS = 366;
const DEFAULT_DAYS = 14;
const ui = {
  daysForm: byId("days-form"),
  days: byId("days"),
  datesForm: byId("dates-form"),
  from: byId("from"),
  to: byId("to"),
  periodError: byId("period-error"),
  status: byId("status"),
  figures: byId("figures"),
  heading: byId("figures-heading"),
  totals: byId("totals"),
};

// --- tables ----------------------------------------------------------------------------------------

const num = (value) => el("td", { class: "number", text: value });
const rowHead = (text, className = "") => el("th", { text, class: className, attrs: { scope: "row" } });
const dayHead = (data, isoDate) => rowHead(rowDay(data, isoDate), "data__day");
const colHead = (text, numeric = false) =>
  el("th", { text, class: numeric ? "number" : "", attrs: { scope: "col" } });

function table(name, caption, head, rows, foot = null) {
  const captionId = `caption-${name}`;
  const built = el(
    "table",
    { class: "data" },
    el("caption", { text: caption, attrs: { id: captionId } }),
    el("thead", {}, el("tr", {}, ...head)),
    el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells))),
    foot ? el("tfoot", {}, el("tr", {}, ...foot)) : null,
  );
  const wrap = byId(`table-${name}`);
  wrap.setAttribute("aria-labelledby", captionId);
  wrap.replaceChildren(built);
}

/** Day labels for table rows: without the year unless the period crosses into a new one. */
const rowDay = (data, isoDate) => day(isoDate, { year: data.from.slice(0, 4) !== data.to.slice(0, 4) });

function period(data) {
  return data.from === data.to ? day(data.from) : `${day(data.from)} to ${day(data.to)}`;
}

function conversationsTable(data, when) {
  const used = data.topics.filter((topic) => data.by_day.some((d) => d.topics[topic]));
  const dayTotal = (d) => used.reduce((sum, topic) => sum + (d.topics[topic] || 0), 0);
  table(
    "conversations",
    `Conversations per day by intent, ${when}`,
    [colHead("Day"), ...used.map((topic) => colHead(topicLabel(topic), true)), colHead("Total", true)],
    data.by_day.map((d) => [dayHead(data, d.day), ...used.map((topic) => num(d.topics[topic] || 0)), num(dayTotal(d))]),
    [
      rowHead("Total"),
      ...used.map((topic) => num(data.by_day.reduce((sum, d) => sum + (d.topics[topic] || 0), 0))),
      num(data.totals.conversations),
    ],
  );
}

function outcomesTable(data, when) {
  const t = data.totals;
  const share = (n) => (t.conversations ? percent(n / t.conversations) : "no conversations");
  table(
    "outcomes",
    `Outcomes, ${when}`,
    [colHead("Measure"), colHead("Count", true), colHead("Share", true)],
    [
      [rowHead("Conversations"), num(t.conversations), num(t.conversations ? "100%" : "no conversations")],
      [rowHead("Contained (finished without a person)"), num(t.contained), num(share(t.contained))],
      [rowHead("Left unfinished with the assistant (mid-form)"), num(t.unfinished || 0), num(share(t.unfinished || 0))],
      [rowHead("Handed off to a person"), num(t.handed_off), num(share(t.handed_off))],
      [rowHead("Emergencies"), num(t.emergencies), num(share(t.emergencies))],
      [rowHead("Reports submitted"), num(t.reports_submitted), num("")],
      [rowHead("Closed with THRIVE risk notes"), num(t.closed_with_thrive || 0), num(share(t.closed_with_thrive || 0))],
      [rowHead("… of them rated high on any item"), num(t.thrive_high || 0), num("")],
      [rowHead("Closed with an incident or crime reference"), num(t.closed_with_reference || 0), num(share(t.closed_with_reference || 0))],
    ],
  );
}

function queueWaitTable(data, when) {
  const t = data.totals;
  table(
    "queue-wait",
    `Queue wait, ${when}`,
    [colHead("Measure"), colHead("Value", true)],
    [
      [rowHead("Median wait"), num(duration(t.queue_wait_median_seconds))],
      [rowHead("90th percentile wait"), num(duration(t.queue_wait_p90_seconds))],
      [rowHead("Handed off, never claimed"), num(t.unclaimed)],
    ],
  );
}

function reportsTable(data, when) {
  table(
    "reports",
    `Reports submitted per day, ${when}`,
    [colHead("Day"), colHead("Reports", true)],
    data.by_day.map((d) => [dayHead(data, d.day), num(d.reports)]),
    [rowHead("Total"), num(data.totals.reports_submitted)],
  );
}

const outcomeLabel = (name) => String(name).replaceAll("_", " ");
const hours = (value) => (value === null || value === undefined ? "none" : `${value.toFixed(1)} h`);

function deskTables(data, when) {
  const desk = data.desk || { outcomes: [], by_day: [], decided: 0 };
  const outcomes = desk.outcomes.length ? desk.outcomes : [];
  table(
    "desk-outcomes",
    `Reports decided per day by outcome, ${when}${outcomes.length ? "" : ": none decided"}`,
    [colHead("Day"), ...outcomes.map((o) => colHead(outcomeLabel(o), true)), colHead("Total", true)],
    desk.by_day.map((d) => [
      dayHead(data, d.day),
      ...outcomes.map((o) => num(d.outcomes[o] || 0)),
      num(outcomes.reduce((sum, o) => sum + (d.outcomes[o] || 0), 0)),
    ]),
    [rowHead("Total"), ...outcomes.map((o) => num(desk.by_day.reduce((sum, d) => sum + (d.outcomes[o] || 0), 0))), num(desk.decided)],
  );
  table(
    "desk-decision-time",
    `Time from report to decision, ${when}`,
    [colHead("Day"), colHead("Median", true), colHead("Slowest", true)],
    desk.by_day.map((d) => [dayHead(data, d.day), num(hours(d.median_hours)), num(hours(d.slowest_hours))]),
    [rowHead("Whole period"), num(hours(desk.median_hours)), num(`90th percentile ${hours(desk.p90_hours)}`)],
  );
}

function topicsTable(data, when) {
  const topics = (data.signpost && data.signpost.topics) || [];
  const byDay = (data.signpost && data.signpost.by_day) || [];
  if (!topics.length) {
    table(
      "topics",
      `Signposting topics per day, ${when}: none asked`,
      [colHead("Day"), colHead("Signposting questions", true)],
      byDay.map((d) => [dayHead(data, d.day), num(0)]),
      [rowHead("Total"), num(0)],
    );
    return;
  }
  table(
    "topics",
    `Signposting topics per day, ${when}`,
    [colHead("Day"), ...topics.map((topic) => colHead(topicLabel(topic), true)), colHead("Total", true)],
    byDay.map((d) => [
      dayHead(data, d.day),
      ...topics.map((topic) => num(d.topics[topic] || 0)),
      num(topics.reduce((sum, topic) => sum + (d.topics[topic] || 0), 0)),
    ]),
    [
      rowHead("Total"),
      ...topics.map((topic) => num(byDay.reduce((sum, d) => sum + (d.topics[topic] || 0), 0))),
      num(byDay.reduce((sum, d) => sum + topics.reduce((n, topic) => n + (d.topics[topic] || 0), 0), 0)),
    ],
  );
}

// --- charts ----------------------------------------------------------------------------------------

function busiest(byDay, value) {
  let best = null;
  for (const d of byDay) if (value(d) > 0 && (!best || value(d) > value(best))) best = d;
  return best;
}

function altTexts(data, when) {
  const t = data.totals;
  const topicTotals = data.topics
    .map((topic) => [topic, data.by_day.reduce((sum, d) => sum + (d.topics[topic] || 0), 0)])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const top = topicTotals.length ? `; the most common intent was ${topicLabel(topicTotals[0][0])} (${topicTotals[0][1]})` : "";
  const peak = busiest(data.by_day, (d) => d.reports);
  const waits =
    t.queue_wait_median_seconds === null
      ? "no chat was claimed from the queue"
      : `median ${duration(t.queue_wait_median_seconds)}, 90th percentile ${duration(t.queue_wait_p90_seconds)}`;
  return {
    conversations: `Stacked bar chart of conversations per day by intent, ${when}: ${count(t.conversations, "conversation", "conversations")}${top}. The table next to it has every day.`,
    outcomes: `Bar chart of outcomes, ${when}: ${t.contained} contained, ${t.handed_off} handed off, ${count(t.emergencies, "emergency", "emergencies")}, ${count(t.reports_submitted, "report", "reports")} submitted.`,
    "queue-wait": `Bar chart of the queue wait, ${when}: ${waits}.`,
    topics: (data.signpost && data.signpost.topics.length)
      ? `Stacked bar chart of signposting topics asked about per day, ${when}; the most asked was ${topicLabel(data.signpost.topics[0])}. The table next to it has every day.`
      : `Chart of signposting topics, ${when}: no signposting questions.`,
    "desk-outcomes": data.desk && data.desk.decided
      ? `Stacked bar chart of reports decided per day by outcome, ${when}: ${count(data.desk.decided, "report", "reports")} decided${data.desk.outcomes.length ? `, most often ${outcomeLabel(data.desk.outcomes[0])}` : ""}. The table next to it has every day.`
      : `Chart of reports decided, ${when}: none decided.`,
    "desk-decision-time": data.desk && data.desk.decided
      ? `Line chart of the time from report to decision, ${when}: median ${hours(data.desk.median_hours)}, ${data.desk.within_24_hours} of ${data.desk.decided} within 24 hours. The table next to it has every day.`
      : `Chart of the time from report to decision, ${when}: none decided.`,
    reports: `Line chart of reports submitted per day, ${when}: ${t.reports_submitted} in all${peak ? `, most on ${day(peak.day)} (${peak.reports})` : ""}. The table next to it has every day.`,
  };
}

function showCharts(data, params, when) {
  const alts = altTexts(data, when);
  for (const name of data.charts) {
    const image = byId(`chart-${name}`);
    if (!image) continue;
    image.alt = alts[name] || `Chart: ${name}, ${when}. The table next to it has the figures.`;
    image.src = api.chartUrl(name, params);
  }
}

// --- totals ----------------------------------------------------------------------------------------

function showTotals(data) {
  const t = data.totals;
  const items = [
    ["Conversations", String(t.conversations)],
    ["Contained", t.conversations ? `${t.contained} (${percent(t.containment_rate)})` : "0"],
    ["Handoff rate", t.conversations ? `${percent(t.handoff_rate)} (${t.handed_off})` : "no conversations"],
    ["Emergencies", String(t.emergencies)],
    ["Reports submitted", String(t.reports_submitted)],
    ["Median queue wait", duration(t.queue_wait_median_seconds)],
    ["90th percentile wait", duration(t.queue_wait_p90_seconds)],
    ["Model serving now", data.model || "not answering"],
  ];
  ui.totals.replaceChildren(
    ...items.map(([term, value]) => el("div", {}, el("dt", { text: term }), el("dd", { text: value }))),
  );
}

// --- loading ---------------------------------------------------------------------------------------

async function load(params, { focus = false } = {}) {
  setText(ui.status, "Loading…");
  try {
    const data = await api.dashboard(params);
    const when = period(data);
    ui.from.value = data.from;
    ui.to.value = data.to;
    setText(ui.heading, `Figures for ${when}`);
    showTotals(data);
    conversationsTable(data, when);
    outcomesTable(data, when);
    queueWaitTable(data, when);
    reportsTable(data, when);
    deskTables(data, when);
    topicsTable(data, when);
    showCharts(data, params, when);
    ui.figures.hidden = false;
    const summary = `Showing ${when}: ${count(data.totals.conversations, "conversation", "conversations")}.`;
    setText(ui.status, summary);
    if (focus) {
      ui.heading.focus();
      announce(summary);
    }
    return true;
  } catch (error) {
    if (whenSignedOut(error)) return false;
    setText(ui.status, "");
    setError(ui.periodError, error.message);
    return false;
  }
}

function invalid(fields, message) {
  for (const field of [ui.days, ui.from, ui.to]) {
    if (fields.includes(field)) {
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-errormessage", "period-error");
    } else {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-errormessage");
    }
  }
  setError(ui.periodError, message);
  if (fields.length) fields[0].focus();
  return fields.length === 0;
}

function show(params) {
  window.history.replaceState(null, "", `/analyst/dashboard${api.query(params)}`);
  load(params, { focus: true });
}

ui.daysForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.days.value.trim();
  const days = Number(text);
  if (!/^[0-9]+$/.test(text) || days < 1 || days > MAX_DAYS) {
    invalid([ui.days], `Enter a whole number of days from 1 to ${MAX_DAYS}.`);
    return;
  }
  invalid([], "");
  show({ days });
});

ui.datesForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const from = ui.from.value;
  const to = ui.to.value;
  const missing = [!from && ui.from, !to && ui.to].filter(Boolean);
  if (missing.length) {
    invalid(missing, "Enter both dates, for example 1 November 2026 to 14 November 2026.");
    return;
  }
  if (from > to) {
    invalid([ui.to], "The “to” date must be the same as or after the “from” date.");
    return;
  }
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (span >= MAX_DAYS) {
    invalid([ui.from, ui.to], `Choose at most ${MAX_DAYS} days.`);
    return;
  }
  invalid([], "");
  show({ from, to });
});

const user = await startSession();
if (user) {
  const params = new URLSearchParams(window.location.search);
  const from = params.get("from") || "";
  const to = params.get("to") || "";
  if (from || to) {
    await load({ from, to });
  } else {
    const days = /^[0-9]+$/.test(params.get("days") || "") ? Number(params.get("days")) : DEFAULT_DAYS;
    ui.days.value = String(days);
    await load({ days });
  }
}
