// The live queue: most urgent first, waiting times ticking every second, emergencies highlighted
// and announced (assertively) the moment they arrive or a waiting chat is escalated.

import { announce } from "../shared/announce.js";
import { el, setText } from "../shared/dom.js";
import { elapsed } from "../shared/time.js";
import * as words from "./words.js";

export class QueueView {
  constructor({ list, count, empty, onClaim }) {
    this.list = list;
    this.count = count;
    this.empty = empty;
    this.onClaim = onClaim;
    this.rows = [];
    this.nodes = new Map();
    this.known = null; // ids seen in the last update (null before the first)
    this.emergencies = new Set();
    this.receivedAt = performance.now();
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  update(conversations) {
    this.rows = conversations;
    this.receivedAt = performance.now();
    this.announceChanges(conversations);
    this.render();
  }

  announceChanges(conversations) {
    const ids = new Set(conversations.map((c) => c.conversation_id));
    const emergencies = conversations.filter((c) => c.emergency);
    const newEmergencies = emergencies.filter((c) => !this.emergencies.has(c.conversation_id));
    if (newEmergencies.length) {
      const what = newEmergencies.map((c) => words.reason(c.reason)).join("; ");
      announce(
        `${newEmergencies.length === 1 ? "Emergency chat" : `${newEmergencies.length} emergency chats`} waiting: ${what}.`,
        { urgent: true },
      );
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

  render() {
    const focused = document.activeElement;
    setText(this.count, `(${this.rows.length})`);
    this.empty.hidden = this.rows.length > 0;
    const wanted = new Set(this.rows.map((row) => row.conversation_id));
    for (const [id, node] of this.nodes) {
      if (!wanted.has(id)) {
        node.remove();
        this.nodes.delete(id);
      }
    }
    this.rows.forEach((row, index) => {
      const fresh = this.item(row);
      const existing = this.nodes.get(row.conversation_id);
      let node = existing;
      if (!existing || existing.dataset.signature !== fresh.dataset.signature) {
        node = fresh;
        if (existing) existing.replaceWith(node);
        this.nodes.set(row.conversation_id, node);
      }
      node.querySelector(".queue__seconds").dataset.seconds = String(row.waiting_seconds || 0);
      const at = this.list.children[index];
      if (at !== node) this.list.insertBefore(node, at || null);
    });
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
    this.tick();
  }

  item(row) {
    const label = ["emergency", "safeguarding"].includes(row.priority_label) ? row.priority_label : "normal";
    const id = row.conversation_id;
    const describedBy = `queue-${id}`;
    const item = el("li", {
      class: `queue__item queue__item--${label}`,
      data: { id, signature: JSON.stringify([row.position, row.priority_label, row.reason, row.emergency, row.triage, row.active_form]) },
    });
    item.append(
      el(
        "p",
        { class: "queue__top", attrs: { id: describedBy } },
        el("span", { class: `badge badge--${label}`, text: words.priority(row.priority_label) }),
        row.reason && row.reason !== row.priority_label ? el("span", { text: ` ${words.reason(row.reason)}` }) : null,
      ),
      el("p", { class: "queue__triage", text: `Assistant's reading: ${words.triage(row.triage)}` }),
    );
    if (row.active_form) item.append(el("p", { text: `Form in progress: ${words.humanise(row.active_form)}` }));
    if (row.report_reference) item.append(el("p", { text: `Receipt: ${row.report_reference}` }));
    const wait = el("span", { class: "queue__seconds", data: { seconds: row.waiting_seconds || 0 } });
    item.append(el("p", { class: "queue__wait" }, document.createTextNode("Waiting "), wait));
    const claim = el(
      "button",
      {
        class: "button button--small",
        attrs: { type: "button", "aria-describedby": describedBy },
        on: { click: () => this.onClaim(id, claim) },
      },
      document.createTextNode("Claim"),
      el("span", { class: "visually-hidden", text: ` chat ${words.shortId(id)}` }),
    );
    item.append(claim);
    return item;
  }

  tick() {
    const extra = (performance.now() - this.receivedAt) / 1000;
    for (const span of this.list.querySelectorAll(".queue__seconds")) {
      setText(span, elapsed(Number(span.dataset.seconds) + extra));
    }
  }

  stop() {
    clearInterval(this.ticker);
  }
}
