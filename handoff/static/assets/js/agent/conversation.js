// The open chat: transcript (with the assistant's reading of each citizen message) beside what the
// assistant collected, a reply box with canned responses, and the moves: transfer, release,
// return to the assistant, close with an outcome.

import * as api from "./api.js";
import { byId, el, setText } from "../shared/dom.js";
import { MessageList } from "../shared/messages.js";
import * as words from "./words.js";

function who(message) {
  if (message.sender === "citizen") return "Citizen";
  if (message.sender === "agent") return message.agent_name || "Agent";
  if (message.sender === "bot") return "Assistant";
  return "System";
}

function meta(message) {
  if (message.sender !== "citizen" || !message.intent) return "";
  return `read as ${words.triage({ intent: message.intent, confidence: message.confidence })}`;
}

export class ConversationView {
  constructor({ me, onMoved, onError }) {
    this.me = me;
    this.onMoved = onMoved;
    this.onError = onError;
    this.id = null;
    this.chats = new Map(); // id -> {view, messages: Map, draft}
    this.ui = {
      section: byId("conversation"),
      none: byId("no-conversation"),
      heading: byId("conversation-heading"),
      meta: byId("conversation-meta"),
      notice: byId("conversation-notice"),
      triage: byId("triage"),
      fields: byId("fields"),
      fieldsEmpty: byId("fields-empty"),
      reports: byId("reports"),
      reportsEmpty: byId("reports-empty"),
      replyForm: byId("reply-form"),
      reply: byId("reply"),
      send: byId("send-reply"),
      canned: byId("canned"),
      useCanned: byId("use-canned"),
      transferForm: byId("transfer-form"),
      colleague: byId("colleague"),
      transfer: byId("transfer"),
      release: byId("release"),
      returnToBot: byId("return-to-bot"),
      closeForm: byId("close-form"),
      outcome: byId("outcome"),
      close: byId("close"),
    };
    this.transcript = new MessageList(byId("transcript"), { who, meta });
    this.scroller = byId("transcript-region"); // the live region that scrolls around the list
    this.wire();
  }

  // --- data ----------------------------------------------------------------------------------------

  async open(id, { refresh = false, focus = true } = {}) {
    if (this.id && this.chats.has(this.id)) this.chats.get(this.id).draft = this.ui.reply.value;
    let entry = this.chats.get(id);
    if (!entry || refresh) {
      const view = await api.view(id);
      const messages = new Map((entry ? entry.messages : new Map()));
      for (const message of view.messages) messages.set(message.id, message);
      entry = { view, messages, draft: entry ? entry.draft : "" };
      this.chats.set(id, entry);
    }
    const switching = this.id !== id;
    this.id = id;
    this.render(entry, switching);
    if (focus) this.ui.heading.focus();
    if (switching) this.loadColleagues();
  }

  /** A message pushed by the websocket (or returned by our own POST). */
  addMessage(conversationId, message) {
    const entry = this.chats.get(conversationId);
    if (entry) entry.messages.set(message.id, { ...entry.messages.get(message.id), ...message });
    if (conversationId !== this.id) return;
    const atBottom = this.atBottom();
    if (this.transcript.add(message) && atBottom) this.scrollToEnd();
  }

  atBottom() {
    const box = this.scroller;
    return box.scrollTop + box.clientHeight >= box.scrollHeight - 80;
  }

  scrollToEnd() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /** A "conversation" event: the chat changed hands or state. */
  updateSummary(summary) {
    const entry = this.chats.get(summary.conversation_id);
    if (!entry) return;
    entry.view = { ...entry.view, conversation: summary, allowed_moves: null };
    if (summary.conversation_id === this.id) this.renderHeader(entry);
  }

  refresh() {
    if (this.id) this.open(this.id, { refresh: true, focus: false }).catch((error) => this.onError(error));
  }

  // --- rendering -------------------------------------------------------------------------------------

  render(entry, switching) {
    this.ui.section.hidden = false;
    this.ui.none.hidden = true;
    const box = this.scroller;
    const follow = switching || this.atBottom();
    if (switching) {
      box.setAttribute("aria-busy", "true");
      this.transcript.clear();
      this.ui.reply.value = entry.draft || "";
    }
    for (const message of [...entry.messages.values()].sort((a, b) => a.id - b.id)) {
      this.transcript.add(message, { animate: false });
    }
    box.removeAttribute("aria-busy");
    if (follow) this.scrollToEnd();
    this.renderHeader(entry);
    this.renderCollected(entry.view);
  }

  renderHeader(entry) {
    const summary = entry.view.conversation;
    setText(this.ui.heading, `Chat ${words.shortId(summary.conversation_id)}${summary.emergency ? " – emergency" : ""}`);
    const parts = [
      `Status: ${words.humanise(summary.status)}`,
      `Priority: ${words.priority(summary.priority_label)}`,
      `Reason: ${words.reason(summary.reason)}`,
    ];
    if (summary.report_reference) parts.push(`Receipt: ${summary.report_reference}`);
    setText(this.ui.meta, parts.join(" · "));
    const mine = summary.status === "agent" && summary.agent_id === this.me.id;
    let notice = "";
    if (summary.status === "closed") notice = `This chat is closed (${words.outcome(summary.outcome) || "no outcome"}).`;
    else if (summary.status === "queued") notice = "This chat is back in the queue.";
    else if (summary.status === "bot") notice = "This chat is back with the assistant.";
    else if (!mine) notice = `${summary.agent_name || "Another agent"} has this chat now.`;
    setText(this.ui.notice, notice);
    this.ui.notice.hidden = !notice;
    const moves = new Set(entry.view.allowed_moves || this.movesFor(summary.status));
    for (const control of [this.ui.reply, this.ui.send, this.ui.canned, this.ui.useCanned]) control.disabled = !mine;
    this.ui.transfer.disabled = !(mine && moves.has("transfer")) || !this.ui.colleague.value;
    this.ui.colleague.disabled = !(mine && moves.has("transfer"));
    this.ui.release.disabled = !(mine && moves.has("release"));
    this.ui.returnToBot.disabled = !(mine && moves.has("return_to_bot"));
    this.ui.close.disabled = !moves.has("close") || !this.ui.outcome.value;
    this.ui.outcome.disabled = !moves.has("close");
  }

  movesFor(status) {
    if (status === "agent") return ["close", "release", "transfer", "return_to_bot"];
    if (status === "closed") return [];
    return ["close"];
  }

  renderCollected(view) {
    setText(this.ui.triage, words.triage(view.triage));
    const fields = (view.report_fields || []).filter((f) => f.display !== null && f.display !== undefined);
    this.ui.fields.replaceChildren(
      ...fields.flatMap((f) => [el("dt", { text: f.label || words.humanise(f.slot) }), el("dd", { text: f.display })]),
    );
    this.ui.fieldsEmpty.hidden = fields.length > 0;
    const reports = view.reports || [];
    this.ui.reports.replaceChildren(
      ...reports.map((r) => el("li", { text: `${r.reference} (${words.humanise(r.kind)})` })),
    );
    this.ui.reportsEmpty.hidden = reports.length > 0;
  }

  // --- options ---------------------------------------------------------------------------------------

  setOutcomes(outcomes) {
    this.ui.outcome.replaceChildren(
      el("option", { text: "Choose an outcome", attrs: { value: "" } }),
      ...outcomes.map((code) => el("option", { text: words.outcome(code), attrs: { value: code } })),
    );
  }

  setCanned(responses) {
    this.cannedTexts = responses.map((r) => String(r.text || ""));
    this.ui.canned.replaceChildren(
      el("option", { text: "Choose a response", attrs: { value: "" } }),
      ...responses.map((r, index) => el("option", { text: r.title, attrs: { value: String(index) } })),
    );
  }

  async loadColleagues() {
    let agents = [];
    try {
      agents = (await api.colleagues()).agents || [];
    } catch {
      agents = [];
    }
    const chosen = this.ui.colleague.value;
    const options = agents.map((a) =>
      el("option", { text: `${a.display_name} (${a.load} of ${a.capacity} chats)`, attrs: { value: a.username } }),
    );
    if (!options.length) options.push(el("option", { text: "Nobody else is available", attrs: { value: "" } }));
    this.ui.colleague.replaceChildren(...options);
    if (chosen && agents.some((a) => a.username === chosen)) this.ui.colleague.value = chosen;
    const entry = this.chats.get(this.id);
    if (entry) this.renderHeader(entry);
  }

  // --- actions ---------------------------------------------------------------------------------------

  wire() {
    const ui = this.ui;
    ui.replyForm.addEventListener("submit", (event) => {
      event.preventDefault();
      this.sendReply();
    });
    ui.reply.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        ui.replyForm.requestSubmit();
      }
    });
    ui.useCanned.addEventListener("click", () => {
      const text = this.cannedTexts?.[Number(ui.canned.value)];
      if (ui.canned.value === "" || !text) return;
      ui.reply.value = ui.reply.value.trim() ? `${ui.reply.value.trim()} ${text}` : text;
      ui.reply.focus();
    });
    ui.colleague.addEventListener("focus", () => this.loadColleagues());
    for (const select of [ui.colleague, ui.outcome]) {
      select.addEventListener("change", () => this.chats.has(this.id) && this.renderHeader(this.chats.get(this.id)));
    }
    ui.transferForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const to = ui.colleague.value;
      if (to) this.move(() => api.transfer(this.id, to), `Transferred to ${ui.colleague.selectedOptions[0]?.textContent || to}.`);
    });
    ui.release.addEventListener("click", () => this.move(() => api.release(this.id), "Released to the queue."));
    ui.returnToBot.addEventListener("click", () => this.move(() => api.returnToBot(this.id), "Returned to the assistant."));
    ui.closeForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const outcome = ui.outcome.value;
      if (outcome) this.move(() => api.close(this.id, outcome), `Chat closed: ${words.outcome(outcome)}.`);
    });
  }

  async sendReply() {
    const text = this.ui.reply.value.trim();
    if (!text || !this.id) return;
    const id = this.id;
    this.ui.reply.value = "";
    try {
      const { message } = await api.reply(id, text);
      this.addMessage(id, message);
    } catch (error) {
      if (!this.ui.reply.value) this.ui.reply.value = text;
      this.onError(error);
    }
  }

  async move(request, done) {
    const id = this.id;
    try {
      const { conversation } = await request();
      this.updateSummary(conversation);
      this.onMoved(conversation, done);
      const entry = this.chats.get(id);
      if (entry) entry.draft = "";
      if (id === this.id) this.ui.reply.value = "";
    } catch (error) {
      this.onError(error);
    }
  }

  close() {
    this.id = null;
    this.chats.clear();
    this.transcript.clear();
    this.ui.section.hidden = true;
    this.ui.none.hidden = false;
  }
}
