"""Analysis: what the stored statements say together.

Three sub-packages, each with one entry: `conflicts` (where the sources
disagree), `cohorts` (the prosopographer's table and its figures) and
`networks` (the ties between persons as a graph); beside them `timelines`
(events in time, read by all three) and `lineage` (which organizations one name
stands for across renamings). Library functions over the knowledge base, used
alike by the CLI, the web app and the exports.
"""
