"""kartoteka: an evidence-linked card index of people, organizations and events."""

__version__ = "0.1.0"
