// Supervisors and admins: queue length, emergencies waiting, the longest wait (ticking), each
// member of staff's presence and load, and the reports desk's figures, from
// GET /api/supervisor/overview and "overview" events.

import { el } from "../shared/dom.js";
import { aboutMinutes, elapsed } from "../shared/time.js";
import { humanise } from "./words.js";

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
  constructor({ section, stats, agents }) {
    this.section = section;
    this.stats = stats;
    this.agents = agents;
    this.data = null;
    this.receivedAt = performance.now();
    this.ticker = setInterval(() => this.tickLongest(), 1000);
  }

  update(data) {
    this.data = data;
    this.receivedAt = performance.now();
    this.section.hidden = false;
    const available = (data.agents || []).filter((a) => a.presence === "available").length;
    const stat = (label, value, options = {}) =>
      el("div", { class: options.alert ? "stats__alert" : "", attrs: { id: options.id } },
        el("dt", { text: label }), el("dd", { text: value }));
    this.stats.replaceChildren(
      stat("Waiting", String(data.queue_length ?? 0)),
      stat("Emergencies waiting", String(data.emergencies_waiting ?? 0), { alert: data.emergencies_waiting > 0 }),
      stat("Longest wait", elapsed(data.longest_wait_seconds), { id: "longest-wait" }),
      stat("Next wait (estimate)", aboutMinutes(data.next_estimated_wait_seconds)),
      stat("Staff available", String(available)),
      ...deskStats(data.desk, stat),
    );
    this.agents.replaceChildren(
      ...(data.agents || []).map((agent) =>
        el("tr", {},
          el("td", { text: `${agent.display_name} (${agent.username})` }),
          el("td", { text: humanise(agent.presence) }),
          el("td", { text: agent.connected ? "Yes" : "No" }),
          el("td", { text: `${agent.load} of ${agent.capacity}` }),
        ),
      ),
    );
  }

  tickLongest() {
    if (!this.data || !this.data.queue_length) return;
    const value = this.stats.querySelector("#longest-wait dd");
    if (value) value.textContent = elapsed(this.data.longest_wait_seconds + (performance.now() - this.receivedAt) / 1000);
  }
}
