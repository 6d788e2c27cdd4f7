"""What the page's parts share: the MT choice, the sidebar's sections, the slot for input
messages, Markdown escaping of user text."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
LOW_STORY_CONFIDENCE = 0.5  # overall alignment confidence under this: "may not be translations"
Direction = tuple[str, str]


@dataclass(frozen=True)
class MTChoice:
    """What the MT section of the sidebar asks for."""

    on: bool = False
    engines: dict = field(default_factory=dict)  # direction → (engine, model), ready ones only
    apertium_alignment: bool = True  # ru↔be aligned with Apertium be→ru (when installed)

    @property
    def key(self) -> str:
        return repr((self.on, sorted(self.engines.items())))



# What one run of the page hands from one part to another. Streamlit runs each session's page
# in a thread of its own, and these modules are imported once per server: thread-local, so two
# sessions never see each other's (app.py sets them afresh at the start of every run).
RUN = threading.local()


def new_run(messages_slot) -> None:
    RUN.messages = messages_slot
    RUN.fix = {}  # the corrections' word from build_comparison to show_corrections


def run_fix() -> dict:
    if not hasattr(RUN, "fix"):
        RUN.fix = {}
    return RUN.fix


def messages():
    """The main-area slot for input messages (the input widgets themselves are in the sidebar)."""
    return getattr(RUN, "messages", None) or st


class Sidebar:
    """The sidebar's sections in reading order; filled in the order the script needs them."""

    def __init__(self) -> None:
        self.story = st.sidebar.container()
        self.fix = st.sidebar.container()
        self.mt = st.sidebar.container()
        self.export = st.sidebar.container()
        self.triage = st.sidebar.container()



def md_escape(text: str) -> str:
    """Markdown special characters of user text shown with st.markdown (which escapes HTML)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch for ch in text)


