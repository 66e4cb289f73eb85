"""Relation rules by predicate family.

- ``*.tsv``: rule rows (cue, where actor and object stand, what may come
  between and after, an example sentence and the triple it yields), run by
  `engine.run_rules`; each row's example is its test
  (tests/test_rules_<family>.py).
- `attach`: the one policy for which amount and which year belong to a fact.
- `titles`: honours before names; `posts`: posts and titles; `assists`,
  `runs`, `structure`: readings still written as code (help cues with
  fallbacks, lists by year; runners of programmes and their places; basedIn,
  partOf, subOrganisationOf); `common`: helpers they share.
"""
