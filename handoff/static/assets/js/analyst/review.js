// The review queue: citizen messages read with low confidence (redacted by the server), least
// confident first, each with a labelled <select> of the known intents to correct it. Corrections go
// to POST /api/analyst/review/{id}: the same table the CSV export reads (--with-corrections).

import * as api from "./api.js";
import { startSession, whenSignedOut } from "./session.js";
import { announce } from "../shared/announce.js";
import { byId, el, setError, setText } from "../shared/dom.js";
import { dateTime, humanise, percent, shortId } from "./words.js";

const LIMIT = 100;
const ui = {
  filters: byId("filters"),
  since: byId("since"),
  maxConfidence: byId("max-confidence"),
  intent: byId("intent"),
  unreviewed: byId("unreviewed"),
  error: byId("error"),
  heading: byId("messages-heading"),
  count: byId("count"),
  status: byId("status"),
  list: byId("review"),
};

let choices = [];

function chosen(select, value) {
  if (value && [...select.options].some((option) => option.value === value)) select.value = value;
}

function readFilters() {
  return {
    since: ui.since.value,
    max_confidence: ui.maxConfidence.value,
    intent: ui.intent.value,
    unreviewed: ui.unreviewed.checked ? "1" : "",
  };
}

function fillIntentFilter(intents, current) {
  const names = [...new Set(intents.map((name) => name.split("/")[0]))];
  if (current && !names.includes(current)) names.push(current);
  ui.intent.replaceChildren(
    el("option", { text: "Any intent", attrs: { value: "" } }),
    ...names.map((name) => el("option", { text: name, attrs: { value: name } })),
  );
  ui.intent.value = current || "";
}

function describe(count, filters) {
  const since = ui.since.selectedOptions[0]?.textContent || filters.since;
  const confidence = ui.maxConfidence.selectedOptions[0]?.textContent || filters.max_confidence;
  const intent = filters.intent ? `, read as ${filters.intent}` : "";
  if (!count) return `No messages to review from the last ${since} with confidence at most ${confidence}${intent}.`;
  const many = count === 1 ? "1 message" : `${count} messages`;
  const capped = count >= LIMIT ? ` Showing the ${LIMIT} least confident.` : "";
  return `${many} from the last ${since} with confidence at most ${confidence}${intent}.${capped}`;
}

// --- one message ---------------------------------------------------------------------------------

function fact(term, value, id) {
  return el("div", {}, el("dt", { text: term }), el("dd", { text: value, attrs: { id } }));
}

function correctionSelect(row, id, textId) {
  const select = el("select", { attrs: { id, name: "intent", "aria-describedby": textId } });
  select.append(el("option", { text: "Choose an intent", attrs: { value: "" } }));
  for (const name of choices) select.append(el("option", { text: name, attrs: { value: name } }));
  // Nothing is preselected: the analyst reads the message and chooses (the prediction is shown
  // beside it, and "Mark as reviewed" confirms it in one step).
  select.value = "";
  return select;
}

/** The bot's question the message answered, and the conversation around it (redacted). */
function contextBlock(row) {
  const items = (row.context || []).map((m) =>
    el(
      "li",
      { class: `context__message${m.this ? " context__message--this" : ""}` },
      el("span", { class: "context__sender", text: `${humanise(m.sender)}${m.this ? " (this message)" : ""}: ` }),
      document.createTextNode(m.text),
    ),
  );
  const question = row.question
    ? el("p", { class: "review__question" }, el("strong", { text: "Answering: " }), document.createTextNode(row.question))
    : el("p", { class: "review__question", text: "The first message of the conversation." });
  const around = el(
    "details",
    { class: "context" },
    el("summary", { text: "The conversation around it (redacted)" }),
    el("ol", { class: "context__list" }, ...items),
  );
  return [question, around];
}

function historyText(row) {
  const entries = row.history || [];
  if (!entries.length) return "Not yet reviewed";
  return entries
    .map((h) => `${h.action === "confirmed" ? "confirmed" : "corrected"} ${h.from || "none"} → ${h.to} by ${h.by || "someone"} (${h.source}, ${dateTime(h.at)})`)
    .join("; ");
}

function item(row, index, total) {
  const id = row.message_id;
  const textId = `text-${id}`;
  const selectId = `correct-${id}`;
  const correctedId = `corrected-${id}`;
  const position = `message ${index + 1} of ${total}`;
  const select = correctionSelect(row, selectId, textId);
  const saved = el("p", { class: "review__saved", attrs: { id: `saved-${id}` } });
  const button = el(
    "button",
    { class: "button button--small", attrs: { type: "submit" } },
    document.createTextNode("Save"),
    el("span", { class: "visually-hidden", text: ` the intent of ${position}` }),
  );
  const form = el(
    "form",
    { class: "review__form", attrs: { novalidate: true } },
    el(
      "label",
      { attrs: { for: selectId } },
      document.createTextNode("Correct intent"),
      el("span", { class: "visually-hidden", text: ` for ${position}` }),
    ),
    select,
    button,
    saved,
  );
  const confirm = el(
    "button",
    { class: "button button--small button--secondary", attrs: { type: "button" } },
    document.createTextNode("Mark as reviewed"),
    el("span", { class: "visually-hidden", text: ` (the prediction is right) for ${position}` }),
  );
  form.append(confirm);
  const li = el(
    "li",
    { class: `review__item${row.corrected_intent ? " review__item--corrected" : ""}`, data: { messageId: id } },
    ...contextBlock(row),
    el("p", { class: "review__text", text: row.text, attrs: { id: textId } }),
    el(
      "dl",
      { class: "review__facts" },
      fact("Predicted intent", row.predicted_intent || "none"),
      fact("Confidence", percent(row.confidence)),
      fact("Sent", dateTime(row.created_at)),
      fact("Conversation", `${shortId(row.conversation_id)}: ${humanise(row.conversation_outcome)}`),
      fact("Corrected to", row.corrected_intent || "Not yet", correctedId),
      fact("History", historyText(row), `history-${id}`),
    ),
    form,
  );

  let busy = false;
  confirm.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    setText(saved, "Saving…");
    try {
      const result = await api.confirm(id);
      setText(byId(correctedId), result.corrected_intent);
      li.classList.add("review__item--corrected");
      setText(saved, `Marked as reviewed: ${result.corrected_intent}.`);
      announce(`Marked as reviewed: ${position} is ${result.corrected_intent}.`);
    } catch (error) {
      if (whenSignedOut(error)) return;
      saved.classList.add("review__saved--error");
      setText(saved, `Not saved: ${error.message}`);
    } finally {
      busy = false;
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    saved.classList.remove("review__saved--error");
    if (!select.value) {
      select.setAttribute("aria-invalid", "true");
      select.setAttribute("aria-describedby", `saved-${id} ${textId}`);
      setText(saved, "Choose an intent first.");
      saved.classList.add("review__saved--error");
      select.focus();
      return;
    }
    select.removeAttribute("aria-invalid");
    select.setAttribute("aria-describedby", textId);
    busy = true;
    button.setAttribute("aria-disabled", "true");
    setText(saved, "Saving…");
    try {
      const result = await api.correct(id, select.value);
      setText(byId(correctedId), result.corrected_intent);
      li.classList.add("review__item--corrected");
      setText(saved, `Saved: ${result.corrected_intent}.`);
      announce(`Saved: ${position} is ${result.corrected_intent}.`);
    } catch (error) {
      if (whenSignedOut(error)) return;
      saved.classList.add("review__saved--error");
      setText(saved, `Not saved: ${error.message}`);
      announce(`Not saved: ${error.message}`);
    } finally {
      busy = false;
      button.removeAttribute("aria-disabled");
    }
  });
  return li;
}

// --- the list ---------------------------------------------------------------------------------------

async function load({ focus = false } = {}) {
  const filters = readFilters();
  setError(ui.error, "");
  setText(ui.status, "Loading…");
  try {
    const data = await api.review({ ...filters, limit: LIMIT });
    choices = data.intents || [];
    fillIntentFilter(choices, filters.intent);
    const rows = data.messages || [];
    ui.list.replaceChildren(...rows.map((row, index) => item(row, index, rows.length)));
    setText(ui.count, `(${rows.length})`);
    setText(ui.status, describe(rows.length, filters));
  } catch (error) {
    if (whenSignedOut(error)) return;
    ui.list.replaceChildren();
    setText(ui.count, "");
    setText(ui.status, "");
    setError(ui.error, error.message);
  }
  if (focus) ui.heading.focus();
}

ui.filters.addEventListener("submit", (event) => {
  event.preventDefault();
  const filters = readFilters();
  window.history.replaceState(null, "", `/analyst/review${api.query(filters)}`);
  load({ focus: true });
});

const user = await startSession();
if (user) {
  const params = new URLSearchParams(window.location.search);
  chosen(ui.since, params.get("since"));
  chosen(ui.maxConfidence, params.get("max_confidence"));
  ui.unreviewed.checked = params.get("unreviewed") === "1";
  const intent = params.get("intent") || "";
  if (intent) ui.intent.append(el("option", { text: intent, attrs: { value: intent } }));
  ui.intent.value = intent;
  await load();
}
