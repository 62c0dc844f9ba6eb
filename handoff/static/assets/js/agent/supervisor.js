// Supervisors and admins: queue length, waits by priority, emergencies waiting longer than the
// configured time (alerts), each member of staff's presence, load and held chats with the time
// since their last reply ("Watch" opens a chat read-only, audited), and the audit view filtered
// by chat or by person, and the reports desk's figures. From GET /api/supervisor/overview and "overview" events.

import * as api from "./api.js";
import { announce } from "../shared/announce.js";
import { byId, el, setError } from "../shared/dom.js";
import { aboutMinutes, clock, elapsed } from "../shared/time.js";
import { humanise, reason, shortId } from "./words.js";

/** The reports desk's figures (README "The reports desk"), live with the rest of the overview. */
function deskStats(desk, stat) {
  if (!desk) return [];
  return [
    stat("Reports open", String(desk.open)),
    stat("Reports overdue", String(desk.overdue), { alert: desk.overdue > 0 }),
    stat("Oldest open report", desk.oldest_open_seconds == null ? "none" : elapsed(desk.oldest_open_seconds)),
    stat("Reports decided today", String(desk.decided_today)),
    stat("Open by kind", `crime ${desk.open_by_kind.crime}, collision ${desk.open_by_kind.collision}, community ${desk.open_by_kind.community}`),
    stat("Failed deliveries", String(desk.dead_letters), { alert: desk.dead_letters > 0 }),
  ];
}

export class OverviewView {
  constructor({ section, stats, agents, alerts, onWatch }) {
    this.section = section;
    this.stats = stats;
    this.agents = agents;
    this.alerts = alerts;
    this.onWatch = onWatch;
    this.data = null;
    this.alerted = new Set();
    this.receivedAt = performance.now();
    this.ticker = setInterval(() => this.tickLongest(), 1000);
    byId("audit-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.showAudit();
    });
  }

  update(data) {
    this.data = data;
    this.receivedAt = performance.now();
    this.section.hidden = false;
    const available = (data.agents || []).filter((a) => a.presence === "available").length;
    const stat = (label, value, options = {}) =>
      el("div", { class: options.alert ? "stats__alert" : "", attrs: { id: options.id } },
        el("dt", { text: label }), el("dd", { text: value }));
    const waits = (data.waits_by_priority || []).map((w) =>
      stat(`${humanise(w.priority_label)} waiting`, `${w.waiting} · longest ${elapsed(w.longest_seconds)}`, { alert: w.priority_label === "emergency" && w.waiting > 0 }));
    this.stats.replaceChildren(
      stat("Waiting", String(data.queue_length ?? 0)),
      ...waits,
      stat("Longest wait", elapsed(data.longest_wait_seconds), { id: "longest-wait" }),
      stat("Next wait (estimate)", aboutMinutes(data.next_estimated_wait_seconds)),
      stat("Staff available", String(available)),
      ...deskStats(data.desk, stat),
    );
    const alerts = data.alerts || [];
    this.alerts.replaceChildren(
      ...alerts.map((a) => el("li", { class: "alerts__item" },
        el("span", { text: `Emergency ${shortId(a.conversation_id)} has waited ${elapsed(a.waiting_seconds)} (over ${elapsed(data.emergency_alert_seconds)}). ` }),
        this.watchButton(a.conversation_id))),
    );
    const fresh = alerts.filter((a) => !this.alerted.has(a.conversation_id));
    if (fresh.length) announce(`${fresh.length === 1 ? "An emergency has" : `${fresh.length} emergencies have`} waited too long without an agent.`, { urgent: true });
    this.alerted = new Set(alerts.map((a) => a.conversation_id));
    this.agents.replaceChildren(
      ...(data.agents || []).map((agent) =>
        el("tr", {},
          el("td", { text: `${agent.display_name} (${agent.username})` }),
          el("td", { text: humanise(agent.presence) }),
          el("td", { text: agent.connected ? "Yes" : "No" }),
          el("td", { text: `${agent.load} of ${agent.capacity}` }),
          el("td", {}, ...(agent.chats || []).map((c) => el("p", { class: "held" },
            el("span", { text: `${shortId(c.conversation_id)} ${c.emergency ? "Emergency" : reason(c.reason)} · ${c.replied ? "last reply" : "no reply yet, claimed"} ${elapsed(c.seconds_since_reply)} ago${c.citizen_left ? " · citizen left" : ""} ` }),
            this.watchButton(c.conversation_id)))),
        ),
      ),
    );
  }

  watchButton(id) {
    return el("button", {
      class: "button button--small button--secondary",
      attrs: { type: "button" },
      on: { click: () => this.onWatch(id) },
    }, document.createTextNode("Watch"), el("span", { class: "visually-hidden", text: ` chat ${shortId(id)}` }));
  }

  async showAudit() {
    const chat = byId("audit-chat").value.trim();
    const user = byId("audit-user").value.trim();
    const error = byId("audit-error");
    const params = {};
    if (chat) params.conversation_id = chat;
    if (user) params.user = user;
    try {
      const { entries } = await api.audit(params);
      setError(error, "");
      byId("audit").replaceChildren(
        ...entries.map((e) => el("tr", {},
          el("td", { text: `${clock(e.at)}` }),
          el("td", { text: e.user_name || (e.user_id ? `#${e.user_id}` : "citizen / system") }),
          el("td", { text: humanise(e.action) }),
          el("td", { text: e.conversation_id ? shortId(e.conversation_id) : "" }))),
      );
      byId("audit-table").hidden = false;
      announce(`${entries.length} audit entries.`);
    } catch (problem) {
      setError(error, problem.message);
    }
  }

  tickLongest() {
    if (!this.data || !this.data.queue_length) return;
    const value = this.stats.querySelector("#longest-wait dd");
    if (value) value.textContent = elapsed(this.data.longest_wait_seconds + (performance.now() - this.receivedAt) / 1000);
  }
}
