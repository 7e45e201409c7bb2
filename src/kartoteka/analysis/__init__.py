"""Analysis: what the stored statements say together: timelines, conflicts,
cohorts (with organization lineages) and networks of ties.

Library functions over the knowledge base, used alike by the CLI, the web app
and the exports.
"""
