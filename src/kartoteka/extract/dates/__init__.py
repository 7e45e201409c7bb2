"""Dates: expressions of time in English and Russian, written as EDTF.

Entry: `find_dates(text)` (`kartoteka.extract.dates.find`); relative
expressions ("two days later") and life-date brackets have their own modules,
used by the events stage to date what a sentence states.
"""

from __future__ import annotations

from kartoteka.extract.dates.find import DateMention, find_dates

__all__ = ["DateMention", "find_dates"]
