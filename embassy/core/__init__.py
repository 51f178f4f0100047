"""The bottom floor: "content changed" and the general utilities every room uses.

Imports no app of the project. The rest of the site imports from here:
- content.py: the registry of what public pages show (opt-in), and the scope of each write;
- generation.py: one generation per scope, changed by a write to registered content;
- memo.py: the one memo every cache of derived output uses, keyed by (scope, generation, key);
- lru.py: a bounded least-recently-used store, the memo's memory.
"""
