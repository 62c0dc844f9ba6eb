// The open chat: a handover note first (when a colleague passed it on), the transcript (with the
// assistant's reading of each citizen message) beside what the assistant collected and the private
// notes, a reply box with canned responses and /shortcodes, and the moves: transfer with a
// handover note, release, return to the assistant (never offered for an emergency or safeguarding
// chat), close with an outcome, THRIVE notes and an incident reference. Release, return and close
// ask for confirmation; errors appear beside the control that caused them.

import * as api from "./api.js";
import { announce } from "../shared/announce.js";
import { byId, el, setError, setText } from "../shared/dom.js";
import { MessageList } from "../shared/messages.js";
import { clock } from "../shared/time.js";
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

const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 6000;

export class ConversationView {
  constructor({ me, onMoved, onError }) {
    this.me = me;
    this.onMoved = onMoved;
    this.onError = onError;
    this.id = null;
    this.watching = false;
    this.chats = new Map(); // id -> {view, messages: Map, draft}
    this.lastTyping = 0;
    this.typingTimer = null;
    this.confirmAction = null;
    const ids = [
      "conversation", "no-conversation", "conversation-heading", "conversation-meta", "conversation-notice",
      "citizen-left", "citizen-left-text", "close-abandoned", "handover", "handover-heading", "handover-from",
      "handover-note", "accept-handover", "triage", "fields", "fields-empty", "reports", "reports-empty",
      "notes", "note-form", "note", "add-note", "note-error", "reply-form", "reply", "reply-error", "send-reply",
      "canned", "use-canned", "transfer-form", "colleague", "handover-text", "transfer", "release",
      "return-to-bot", "return-why", "close-form", "outcome", "incident-reference", "close", "thrive",
      "confirm", "confirm-text", "confirm-yes", "confirm-no", "moves-error", "moves", "typing",
    ];
    this.ui = Object.fromEntries(ids.map((id) => [id.replace(/-([a-z])/g, (_, c) => c.toUpperCase()), byId(id)]));
    this.transcript = new MessageList(byId("transcript"), { who, meta });
    this.scroller = byId("transcript-region"); // the live region that scrolls around the list
    this.thriveItems = [];
    this.wire();
  }

  // --- data ----------------------------------------------------------------------------------------

  async open(id, { refresh = false, focus = true, watch = false } = {}) {
    if (this.id && this.chats.has(this.id)) this.chats.get(this.id).draft = this.ui.reply.value;
    let entry = this.chats.get(id);
    if (!entry || refresh || watch !== this.watching) {
      const view = watch ? await api.watch(id) : await api.view(id);
      const messages = new Map(entry ? entry.messages : new Map());
      for (const message of view.messages) messages.set(message.id, message);
      entry = { view, messages, draft: entry ? entry.draft : "" };
      this.chats.set(id, entry);
    }
    const switching = this.id !== id;
    this.id = id;
    this.watching = watch;
    this.render(entry, switching);
    if (switching) this.hideConfirm();
    const handover = entry.view.handover;
    if (focus) {
      if (handover && handover.status === "pending" && handover.to_agent_id === this.me.id) this.ui.handoverHeading.focus();
      else if (!this.ui.reply.disabled) this.ui.reply.focus();
      else this.ui.conversationHeading.focus();
    }
    if (switching) this.loadColleagues();
  }

  /** A message pushed by the websocket (or returned by our own POST). */
  addMessage(conversationId, message) {
    const entry = this.chats.get(conversationId);
    if (entry) entry.messages.set(message.id, { ...entry.messages.get(message.id), ...message });
    if (conversationId !== this.id) return;
    if (message.sender === "citizen") this.showTyping(false);
    const atBottom = this.atBottom();
    if (this.transcript.add(message) && atBottom) this.scrollToEnd();
    if (message.sender === "citizen" && !document.hidden && this.isMine(entry)) {
      api.markRead(conversationId, message.id).catch(() => {});
    }
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
    const before = entry.view.conversation;
    entry.view = { ...entry.view, conversation: { ...before, ...summary } };
    if (before.status !== summary.status || before.agent_id !== summary.agent_id || before.emergency !== summary.emergency) {
      entry.view.allowed_moves = null; // re-read below
      if (summary.conversation_id === this.id) this.refresh();
    }
    if (summary.conversation_id === this.id) this.renderHeader(entry);
  }

  refresh() {
    if (this.id) this.open(this.id, { refresh: true, focus: false, watch: this.watching }).catch((error) => this.onError(error));
  }

  showTyping(on) {
    clearTimeout(this.typingTimer);
    setText(this.ui.typing, on ? "The citizen is typing…" : "");
    if (on) this.typingTimer = setTimeout(() => this.showTyping(false), TYPING_SHOWN_MS);
  }

  isMine(entry) {
    const summary = entry?.view?.conversation;
    return Boolean(summary && summary.status === "agent" && summary.agent_id === this.me.id && !this.watching);
  }

  // --- rendering -------------------------------------------------------------------------------------

  render(entry, switching) {
    this.ui.conversation.hidden = false;
    this.ui.noConversation.hidden = true;
    const box = this.scroller;
    const follow = switching || this.atBottom();
    if (switching) {
      box.setAttribute("aria-busy", "true");
      this.transcript.clear();
      this.ui.reply.value = entry.draft || "";
      this.showTyping(false);
    }
    for (const message of [...entry.messages.values()].sort((a, b) => a.id - b.id)) {
      this.transcript.add(message, { animate: false });
    }
    box.removeAttribute("aria-busy");
    if (follow) this.scrollToEnd();
    this.renderHeader(entry);
    this.renderCollected(entry.view);
    this.renderNotes(entry.view);
  }

  renderHeader(entry) {
    const summary = entry.view.conversation;
    const ui = this.ui;
    setText(ui.conversationHeading, `Chat ${words.shortId(summary.conversation_id)}${summary.emergency ? " – emergency" : ""}${this.watching ? " (watching)" : ""}`);
    const parts = [
      `Status: ${words.humanise(summary.status)}`,
      `Priority: ${words.priority(summary.priority_label)}`,
      `Reason: ${words.reason(summary.reason)}`,
    ];
    if (summary.escalated) parts.push("Escalated");
    if (summary.report_reference) parts.push(`Receipt: ${summary.report_reference}`);
    setText(ui.conversationMeta, parts.join(" · "));
    const mine = this.isMine(entry);
    let notice = "";
    if (summary.status === "closed") notice = `This chat is closed (${words.outcome(summary.outcome) || "no outcome"}).`;
    else if (this.watching) notice = `You are watching this chat (read only)${summary.agent_name ? `: ${summary.agent_name} has it` : ""}.`;
    else if (summary.status === "queued") notice = "This chat is in the queue.";
    else if (summary.status === "bot") notice = "This chat is back with the assistant.";
    else if (!mine) notice = `${summary.agent_name || "Another agent"} has this chat now.`;
    setText(ui.conversationNotice, notice);
    ui.conversationNotice.hidden = !notice;

    const left = summary.citizen_left_at && summary.status !== "closed";
    ui.citizenLeft.hidden = !left;
    if (left) setText(ui.citizenLeftText, `The citizen has left the chat (${clock(summary.citizen_left_at)}).`);
    ui.closeAbandoned.hidden = !(left && mine);

    const handover = entry.view.handover;
    const showHandover = handover && handover.status === "pending" && summary.status === "agent";
    ui.handover.hidden = !showHandover;
    if (showHandover) {
      setText(ui.handoverFrom, `From ${handover.from_name || "a colleague"} to ${handover.to_name || "you"}, ${clock(handover.written_at)}:`);
      setText(ui.handoverNote, handover.note);
      ui.acceptHandover.hidden = handover.to_agent_id !== this.me.id || this.watching;
    }

    const moves = new Set(entry.view.allowed_moves || this.movesFor(summary.status));
    for (const control of [ui.reply, ui.send, ui.canned, ui.useCanned, ui.note, ui.addNote].filter(Boolean)) control.disabled = !mine;
    ui.sendReply.disabled = !mine;
    ui.transfer.disabled = !(mine && moves.has("transfer")) || !ui.colleague.value;
    ui.colleague.disabled = !(mine && moves.has("transfer"));
    ui.handoverText.disabled = !(mine && moves.has("transfer"));
    ui.release.disabled = !(mine && moves.has("release"));
    // Not offered at all where the domain refuses it (emergency, safeguarding): say why instead.
    const canReturn = mine && moves.has("return_to_bot");
    ui.returnToBot.hidden = !canReturn;
    const why = mine && !canReturn && entry.view.unsafe_to_return;
    ui.returnWhy.hidden = !why;
    if (why) setText(ui.returnWhy, `Stays with a person: ${entry.view.unsafe_to_return}.`);
    const closable = moves.has("close") && (mine || (this.me.role !== "agent" && summary.status !== "agent")) && !this.watching;
    ui.close.disabled = !closable || !ui.outcome.value;
    ui.outcome.disabled = !closable;
    ui.incidentReference.disabled = !closable;
    for (const select of ui.thrive.querySelectorAll("select")) select.disabled = !closable;
    ui.moves.hidden = this.watching;
    byId("reply-form").hidden = this.watching;
  }

  movesFor(status) {
    if (status === "agent") return ["close", "release", "transfer"];
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

  renderNotes(view) {
    const notes = view.private_notes || [];
    this.ui.notes.replaceChildren(
      ...notes.map((n) => el("li", { class: "notes__item" },
        el("p", { class: "notes__meta", text: `${n.author || "Staff"} · ${clock(n.created_at)}` }),
        el("p", { class: "notes__text", text: n.text }))),
    );
    if (!notes.length) this.ui.notes.append(el("li", { class: "empty", text: "No notes yet." }));
  }

  // --- options ---------------------------------------------------------------------------------------

  setOutcomes(data) {
    const outcomes = data.outcomes || [];
    this.ui.outcome.replaceChildren(
      el("option", { text: "Choose an outcome", attrs: { value: "" } }),
      ...outcomes.map((code) => el("option", { text: words.outcome(code), attrs: { value: code } })),
    );
    const thrive = data.thrive || { items: [], levels: [] };
    this.thriveItems = thrive.items;
    const legend = this.ui.thrive.querySelector("legend"); // kept: it names the group
    this.ui.thrive.replaceChildren(
      legend,
      ...thrive.items.map((item) => {
        const id = `thrive-${item}`;
        return el("span", { class: "thrive__item" },
          el("label", { text: words.humanise(item), attrs: { for: id } }),
          el("select", { attrs: { id }, data: { thrive: item } },
            el("option", { text: "Not assessed", attrs: { value: "" } }),
            ...thrive.levels.map((level) => el("option", { text: words.humanise(level), attrs: { value: level } }))));
      }),
    );
  }

  setCanned(responses) {
    this.cannedList = responses;
    this.cannedTexts = responses.map((r) => String(r.text || ""));
    this.ui.canned.replaceChildren(
      el("option", { text: "Choose a response", attrs: { value: "" } }),
      ...responses.map((r, index) => el("option", { text: r.shortcode ? `${r.title} (/${r.shortcode})` : r.title, attrs: { value: String(index) } })),
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
        if (this.expandShortcode()) return;
        ui.replyForm.requestSubmit();
      }
    });
    ui.reply.addEventListener("input", () => {
      const now = Date.now();
      if (this.id && now - this.lastTyping > TYPING_EVERY_MS && ui.reply.value.trim()) {
        this.lastTyping = now;
        api.typing(this.id).catch(() => {});
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
      const note = ui.handoverText.value.trim();
      if (!to) return;
      if (!note) {
        setError(ui.movesError, "Write a handover note for your colleague before transferring.");
        ui.handoverText.focus();
        return;
      }
      const name = ui.colleague.selectedOptions[0]?.textContent || to;
      this.move(() => api.transfer(this.id, to, note), `Transferred to ${name}.`, ui.transfer).then((ok) => {
        if (ok) ui.handoverText.value = "";
      });
    });
    ui.release.addEventListener("click", () =>
      this.confirm("Release this chat to the queue? Someone else may take it.", "Yes, release", () =>
        this.move(() => api.release(this.id), "Released to the queue.", ui.release)));
    ui.returnToBot.addEventListener("click", () =>
      this.confirm("Return this chat to the assistant? An unfinished report carries on at its next question.", "Yes, return", () =>
        this.move(() => api.returnToBot(this.id), "Returned to the assistant.", ui.returnToBot)));
    ui.closeForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const outcome = ui.outcome.value;
      if (!outcome) return;
      const details = this.closeDetails();
      this.confirm(`Close this chat as "${words.outcome(outcome)}"? The citizen can no longer write in it.`, "Yes, close", () =>
        this.move(() => api.close(this.id, outcome, details), `Chat closed: ${words.outcome(outcome)}.`, ui.close).then((ok) => {
          if (ok) this.clearClose();
        }));
    });
    ui.closeAbandoned.addEventListener("click", () =>
      this.move(() => api.close(this.id, "abandoned", {}), "Chat closed: the citizen left.", ui.closeAbandoned));
    ui.acceptHandover.addEventListener("click", async () => {
      try {
        const { handover } = await api.acceptHandover(this.id);
        const entry = this.chats.get(this.id);
        if (entry) entry.view.handover = handover;
        ui.handover.hidden = true;
        announce("Handover accepted.");
        ui.reply.focus();
      } catch (error) {
        setError(ui.movesError, error.message);
      }
    });
    ui.noteForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = ui.note.value.trim();
      if (!text) {
        setError(ui.noteError, "Write the note first.");
        return;
      }
      try {
        const { note } = await api.addNote(this.id, text);
        setError(ui.noteError, "");
        ui.note.value = "";
        const entry = this.chats.get(this.id);
        if (entry) {
          entry.view.private_notes = [...(entry.view.private_notes || []), note];
          this.renderNotes(entry.view);
        }
        announce("Note added.");
      } catch (error) {
        setError(ui.noteError, error.message);
      }
    });
    ui.confirmNo.addEventListener("click", () => this.hideConfirm(true));
    ui.confirmYes.addEventListener("click", () => {
      const action = this.confirmAction;
      this.hideConfirm();
      action?.();
    });
    ui.confirm.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.hideConfirm(true);
    });
  }

  /** "/greet" + Enter in the reply box becomes the canned response with that shortcode. */
  expandShortcode() {
    const value = this.ui.reply.value.trim();
    const match = /^\/([\w-]+)$/.exec(value);
    if (!match || !this.cannedList) return false;
    const found = this.cannedList.find((r) => String(r.shortcode || "") === match[1]);
    if (!found) return false;
    this.ui.reply.value = String(found.text || "");
    announce(`Inserted: ${found.title}. Press Enter to send.`);
    return true;
  }

  closeDetails() {
    const thrive = {};
    for (const select of this.ui.thrive.querySelectorAll("select")) if (select.value) thrive[select.dataset.thrive] = select.value;
    const reference = this.ui.incidentReference.value.trim();
    return { thrive, incident_reference: reference || null };
  }

  clearClose() {
    this.ui.incidentReference.value = "";
    for (const select of this.ui.thrive.querySelectorAll("select")) select.value = "";
    this.ui.outcome.value = "";
  }

  confirm(question, yes, action) {
    this.returnFocus = document.activeElement;
    this.confirmAction = action;
    setText(this.ui.confirmText, question);
    setText(this.ui.confirmYes, yes);
    this.ui.confirm.hidden = false;
    this.ui.confirmYes.focus();
  }

  hideConfirm(restore = false) {
    this.confirmAction = null;
    this.ui.confirm.hidden = true;
    if (restore && this.returnFocus?.isConnected) this.returnFocus.focus();
  }

  focusClose() {
    if (!this.id || this.ui.outcome.disabled) return false;
    this.ui.outcome.focus();
    return true;
  }

  async sendReply() {
    const text = this.ui.reply.value.trim();
    if (!text || !this.id) return;
    const id = this.id;
    this.ui.reply.value = "";
    try {
      const { message } = await api.reply(id, text);
      setError(this.ui.replyError, "");
      this.addMessage(id, message);
    } catch (error) {
      if (!this.ui.reply.value) this.ui.reply.value = text;
      setError(this.ui.replyError, error.message);
    }
  }

  async move(request, done, control) {
    const id = this.id;
    try {
      const { conversation } = await request();
      setError(this.ui.movesError, "");
      this.updateSummary(conversation);
      this.onMoved(conversation, done);
      const entry = this.chats.get(id);
      if (entry) entry.draft = "";
      if (id === this.id) this.ui.reply.value = "";
      return true;
    } catch (error) {
      setError(this.ui.movesError, error.message);
      if (control && !control.hidden && !control.disabled) control.focus();
      return false;
    }
  }

  close() {
    this.id = null;
    this.watching = false;
    this.chats.clear();
    this.transcript.clear();
    this.ui.conversation.hidden = true;
    this.ui.noConversation.hidden = false;
  }
}
