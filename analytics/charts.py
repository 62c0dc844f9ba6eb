"""Server-rendered dashboard charts (matplotlib, PNG). Each has a text table beside it on the page,
built from the same Dashboard, so nothing is only in the picture."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from datetime import date

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analytics.metrics import Dashboard, percentile

# Colour-blind-safe (Okabe-Ito), with hatching on bars so colour is never the only cue.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000", "#999999"]
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "oo", "++", "**"]


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return buffer.getvalue()


def conversations_by_topic(board: Dashboard) -> bytes:
    figure, axes = plt.subplots(figsize=(8, 3.6))
    labels = [d.strftime("%d %b") for d in board.days]
    bottom = [0] * len(board.days)
    for index, topic in enumerate(board.topics):
        values = [board.conversations_by_day_and_topic[d][topic] for d in board.days]
        if not any(values):
            continue
        axes.bar(
            labels,
            values,
            bottom=bottom,
            label=topic.replace("_", " "),
            color=PALETTE[index % len(PALETTE)],
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="white",
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_ylabel("conversations")
    axes.set_title("Conversations per day by topic")
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    if any(bottom):
        axes.legend(fontsize=7, ncol=2, frameon=False)
    return _png(figure)


def outcomes(board: Dashboard) -> bytes:
    figure, axes = plt.subplots(figsize=(5, 3))
    names = ["contained", "handed off", "emergencies", "reports"]
    values = [board.contained, board.handed_off, board.emergencies, board.reports_submitted]
    bars = axes.bar(names, values, color=PALETTE[:4], edgecolor="black")
    for bar, hatch in zip(bars, HATCHES, strict=False):
        bar.set_hatch(hatch)
    axes.bar_label(bars)
    axes.set_title("Outcomes in the period")
    axes.set_ylabel("count")
    return _png(figure)


def queue_wait(board: Dashboard) -> bytes:
    figure, axes = plt.subplots(figsize=(5, 3))
    if board.wait_median_seconds is None:
        axes.set_title("Queue wait (minutes)")
        _no_data(axes, "No chat was claimed from the queue")
        return _png(figure)
    values = [(board.wait_median_seconds or 0) / 60, (board.wait_p90_seconds or 0) / 60]
    bars = axes.bar(["median", "90th percentile"], values, color=PALETTE[:2], edgecolor="black")
    bars[1].set_hatch("//")
    axes.bar_label(bars, labels=[f"{v:.1f} min" for v in values])
    axes.set_title("Queue wait (minutes)")
    axes.set_ylabel("minutes")
    return _png(figure)


def reports_per_day(board: Dashboard) -> bytes:
    figure, axes = plt.subplots(figsize=(8, 3))
    labels = [d.strftime("%d %b") for d in board.days]
    axes.plot(labels, [board.reports_by_day.get(d, 0) for d in board.days], marker="o", color=PALETTE[0])
    axes.set_title("Reports submitted per day")
    axes.set_ylabel("reports")
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes.set_ylim(bottom=0)
    return _png(figure)


def _no_data(axes: Axes, message: str) -> None:
    """An empty chart says so, rather than drawing zero bars that look like figures."""
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, transform=axes.transAxes)
    axes.set_xticks([])
    axes.set_yticks([])


def _stacked_by_day(
    board: Dashboard,
    title: str,
    empty: str,
    series: list[str],
    by_day: Mapping[date, Mapping[str, int]],
    unit: str,
) -> bytes:
    """One bar per day, stacked by series (a topic, an outcome), colour and hatch per series."""
    figure, axes = plt.subplots(figsize=(8, 3.6))
    axes.set_title(title)
    if not series:
        _no_data(axes, empty)
        return _png(figure)
    labels = [d.strftime("%d %b") for d in board.days]
    bottom = [0] * len(board.days)
    for index, name in enumerate(series):
        values = [by_day.get(d, {}).get(name, 0) for d in board.days]
        axes.bar(
            labels,
            values,
            bottom=bottom,
            label=name.replace("_", " "),
            color=PALETTE[index % len(PALETTE)],
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="white",
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_ylabel(unit)
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes.legend(fontsize=7, ncol=2, frameon=False)
    return _png(figure)


def signpost_topics(board: Dashboard) -> bytes:
    return _stacked_by_day(
        board,
        "Signposting topics asked about per day",
        "No signposting questions in this period",
        board.signpost_topics,
        board.signpost_by_day,
        "questions",
    )


def desk_outcomes(board: Dashboard) -> bytes:
    return _stacked_by_day(
        board,
        "Reports decided per day, by outcome",
        "No reports decided in this period",
        board.decision_outcomes,
        board.decisions_by_day,
        "reports",
    )


def desk_decision_time(board: Dashboard) -> bytes:
    figure, axes = plt.subplots(figsize=(8, 3))
    axes.set_title("Time from report to decision (hours; the line is the 24-hour deadline)")
    if not board.decision_hours:
        _no_data(axes, "No reports decided in this period")
        return _png(figure)
    labels = [d.strftime("%d %b") for d in board.days]
    medians = [percentile(board.decision_hours_by_day.get(d, []), 0.5) for d in board.days]
    worst = [max(board.decision_hours_by_day.get(d, []), default=None) for d in board.days]
    axes.plot(
        labels,
        [m if m is not None else float("nan") for m in medians],
        marker="o",
        color=PALETTE[0],
        label="median",
    )
    axes.plot(
        labels,
        [w if w is not None else float("nan") for w in worst],
        marker="s",
        linestyle="--",
        color=PALETTE[1],
        label="slowest",
    )
    axes.axhline(24, color="#4f5559", linewidth=1)
    axes.set_ylabel("hours")
    axes.set_ylim(bottom=0)
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes.legend(fontsize=7, frameon=False)
    return _png(figure)


CHARTS: dict[str, Callable[[Dashboard], bytes]] = {
    "desk-outcomes": desk_outcomes,
    "desk-decision-time": desk_decision_time,
    "conversations": conversations_by_topic,
    "outcomes": outcomes,
    "queue-wait": queue_wait,
    "reports": reports_per_day,
    "topics": signpost_topics,
}
