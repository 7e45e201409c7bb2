"""Analysis: what the stored statements say together (conflicts, for now).

Library functions over the knowledge base, used alike by the CLI, the web app
and the exports.
"""
