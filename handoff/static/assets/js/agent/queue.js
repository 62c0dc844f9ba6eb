// The live queue for a busy shift: one compact card per chat (priority, reason, waiting time, the
// latest thing the citizen wrote, an escalation marker), most urgent first, in its own scroll
// region under a header that never scrolls away. Filters with counts; one Tab stop for the whole
// list (arrow keys, Home and End move between cards); emergencies announced assertively the moment
// they arrive or a waiting chat is escalated.

import { announce } from "../shared/announce.js";
import { el, setText } from "../shared/dom.js";
import { elapsed } from "../shared/time.js";
import * as words from "./words.js";

export const FILTERS = [
  { id: "all", label: "Unassigned", test: () => true },
  { id: "emergency", label: "Emergencies", test: (row) => row.emergency },
  { id: "safeguarding", label: "Safeguarding", test: (row) => !row.emergency && row.priority_label === "safeguarding" },
  { id: "reports", label: "Reports started", test: (row) => Boolean(row.report_started) },
];

export class QueueView {
  constructor({ list, count, empty, filters, region, onClaim, onMine, onEmergency, onChange }) {
    this.list = list;
    this.count = count;
    this.empty = empty;
    this.filtersBox = filters;
    this.region = region;
    this.onClaim = onClaim;
    this.onMine = onMine;
    this.onEmergency = onEmergency || (() => {});
    this.onChange = onChange || (() => {});
    this.rows = [];
    this.nodes = new Map();
    this.known = null; // ids seen in the last update (null before the first)
    this.emergencies = new Set();
    this.filter = "all";
    this.current = null; // the card holding the list's one Tab stop
    this.mineCount = 0;
    this.receivedAt = performance.now();
    this.ticker = setInterval(() => this.tick(), 1000);
    this.list.addEventListener("keydown", (event) => this.keys(event));
    this.renderFilters();
  }

  update(conversations) {
    this.rows = conversations;
    this.receivedAt = performance.now();
    this.announceChanges(conversations);
    this.render();
    this.onChange(this);
  }

  setMineCount(count) {
    this.mineCount = count;
    this.renderFilters();
  }

  get emergencyCount() {
    return this.rows.filter((row) => row.emergency).length;
  }

  /** The most urgent chat waiting (the server orders the list). */
  first() {
    return this.rows[0] || null;
  }

  announceChanges(conversations) {
    const ids = new Set(conversations.map((c) => c.conversation_id));
    const emergencies = conversations.filter((c) => c.emergency);
    const newEmergencies = emergencies.filter((c) => !this.emergencies.has(c.conversation_id));
    if (newEmergencies.length) {
      const what = newEmergencies
        .map((c) => `${words.reason(c.reason)}${c.preview ? `: "${c.preview}"` : ""}`)
        .join("; ");
      announce(
        `${newEmergencies.length === 1 ? "Emergency chat" : `${newEmergencies.length} emergency chats`} waiting. ${what}. Alt+Shift+C claims it.`,
        { urgent: true },
      );
      this.onEmergency(newEmergencies);
    } else if (this.known) {
      const arrivals = conversations.filter((c) => !this.known.has(c.conversation_id));
      if (arrivals.length === 1) {
        announce(`New chat in the queue: ${words.priority(arrivals[0].priority_label)}, ${words.reason(arrivals[0].reason)}.`);
      } else if (arrivals.length > 1) {
        announce(`${arrivals.length} new chats in the queue.`);
      }
    }
    this.known = ids;
    this.emergencies = new Set(emergencies.map((c) => c.conversation_id));
  }

  // --- filters ---------------------------------------------------------------------------------------

  renderFilters() {
    const buttons = FILTERS.map((f) => {
      const count = this.rows.filter(f.test).length;
      return el(
        "button",
        {
          class: `filter${f.id === "emergency" && count ? " filter--alert" : ""}`,
          attrs: { type: "button", "aria-pressed": this.filter === f.id ? "true" : "false" },
          data: { filter: f.id },
          on: { click: () => this.setFilter(f.id) },
        },
        document.createTextNode(`${f.label} `),
        el("span", { class: "filter__count", text: String(count) }),
      );
    });
    buttons.push(
      el(
        "button",
        { class: "filter", attrs: { type: "button" }, data: { filter: "mine" }, on: { click: () => this.onMine() } },
        document.createTextNode("Mine "),
        el("span", { class: "filter__count", text: String(this.mineCount) }),
      ),
    );
    const focused = document.activeElement?.dataset?.filter;
    this.filtersBox.replaceChildren(...buttons);
    if (focused) this.filtersBox.querySelector(`[data-filter="${focused}"]`)?.focus();
  }

  setFilter(id) {
    this.filter = id;
    this.render();
    const shown = this.visible().length;
    announce(`${FILTERS.find((f) => f.id === id)?.label || "All"}: ${shown} ${shown === 1 ? "chat" : "chats"}.`);
  }

  visible() {
    const filter = FILTERS.find((f) => f.id === this.filter) || FILTERS[0];
    return this.rows.filter(filter.test);
  }

  // --- cards -----------------------------------------------------------------------------------------

  render() {
    const focused = document.activeElement;
    const rows = this.visible();
    setText(this.count, `(${this.rows.length})`);
    this.empty.hidden = rows.length > 0;
    setText(this.empty, this.rows.length ? "No chats match this filter." : "Nobody is waiting.");
    const wanted = new Set(rows.map((row) => row.conversation_id));
    for (const [id, node] of this.nodes) {
      if (!wanted.has(id)) {
        node.remove();
        this.nodes.delete(id);
      }
    }
    rows.forEach((row, index) => {
      const fresh = this.item(row);
      const existing = this.nodes.get(row.conversation_id);
      let node = existing;
      if (!existing || existing.dataset.signature !== fresh.dataset.signature) {
        node = fresh;
        if (existing) existing.replaceWith(node);
        this.nodes.set(row.conversation_id, node);
      }
      node.querySelector(".card__seconds").dataset.seconds = String(row.waiting_seconds || 0);
      const at = this.list.children[index];
      if (at !== node) this.list.insertBefore(node, at || null);
    });
    if (!this.current || !wanted.has(this.current)) this.current = rows[0]?.conversation_id || null;
    this.rove();
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
    else if (focused && !focused.isConnected && focused.classList?.contains("card__claim")) this.focusCurrent();
    this.renderFilters();
    this.tick();
  }

  item(row) {
    const label = ["emergency", "safeguarding"].includes(row.priority_label) ? row.priority_label : "normal";
    const id = row.conversation_id;
    const describedBy = `queue-${id}`;
    const item = el("li", {
      class: `card card--${label}${row.escalated ? " card--escalated" : ""}`,
      data: {
        id,
        signature: JSON.stringify([
          row.position, row.priority_label, row.reason, row.emergency, row.preview, row.escalated,
          row.report_started, row.citizen_left, row.active_form,
        ]),
      },
    });
    const top = el(
      "p",
      { class: "card__top" },
      el("span", { class: `badge badge--${label}`, text: words.priority(row.priority_label) }),
      row.escalated ? el("span", { class: "card__escalated", text: "Escalated" }) : null,
      row.reason && row.reason !== row.priority_label ? el("span", { class: "card__reason", text: words.reason(row.reason) }) : null,
      row.report_started ? el("span", { class: "card__tag", text: "Report started" }) : null,
      row.citizen_left ? el("span", { class: "card__tag card__tag--left", text: "Citizen left" }) : null,
      el("span", { class: "card__wait" }, document.createTextNode("waiting "), el("span", { class: "card__seconds" })),
    );
    const text = el("div", { class: "card__text", attrs: { id: describedBy } }, top);
    text.append(el("p", { class: "card__preview", text: row.preview ? `“${row.preview}”` : "No message yet" }));
    const claim = el(
      "button",
      {
        class: "button button--small card__claim",
        attrs: { type: "button", "aria-describedby": describedBy, tabindex: "-1" },
        on: {
          click: () => this.onClaim(id, claim),
          focus: () => {
            this.current = id;
            this.rove();
          },
        },
      },
      document.createTextNode("Claim"),
      el("span", { class: "visually-hidden", text: ` chat ${words.shortId(id)}` }),
    );
    item.append(text, claim);
    return item;
  }

  /** One Tab stop for the whole list: the current card's Claim button. */
  rove() {
    for (const [id, node] of this.nodes) {
      node.querySelector(".card__claim")?.setAttribute("tabindex", id === this.current ? "0" : "-1");
    }
  }

  /** The queue's shortcut (Alt+Shift+Q): the most urgent card, the first one shown. */
  focusFirst() {
    this.current = this.visible()[0]?.conversation_id || null;
    this.rove();
    return this.focusCurrent();
  }

  focusCurrent() {
    const node = this.current && this.nodes.get(this.current);
    const button = node?.querySelector(".card__claim");
    if (button) {
      button.focus();
      node.scrollIntoView({ block: "nearest" });
      return true;
    }
    this.region.focus();
    return false;
  }

  keys(event) {
    const keys = { ArrowDown: 1, ArrowUp: -1, Home: "first", End: "last", PageDown: 10, PageUp: -10 };
    if (!(event.key in keys) || event.altKey || event.ctrlKey || event.metaKey) return;
    const rows = this.visible();
    if (!rows.length) return;
    event.preventDefault();
    const index = Math.max(0, rows.findIndex((r) => r.conversation_id === this.current));
    const step = keys[event.key];
    let next = index;
    if (step === "first") next = 0;
    else if (step === "last") next = rows.length - 1;
    else next = Math.min(rows.length - 1, Math.max(0, index + step));
    this.current = rows[next].conversation_id;
    this.rove();
    this.focusCurrent();
  }

  tick() {
    const extra = (performance.now() - this.receivedAt) / 1000;
    for (const span of this.list.querySelectorAll(".card__seconds")) {
      setText(span, elapsed(Number(span.dataset.seconds) + extra));
    }
  }

  stop() {
    clearInterval(this.ticker);
  }
}
