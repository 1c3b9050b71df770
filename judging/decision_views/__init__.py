"""Deliberation and decision screens (`jury/edities/<year>/...`): the chair's ranking overview,
shortlist, final ranking, prize-split calculator, decision and signing; deliberation notes and
feedback letters for the jury; the printable jury report and the Secretariaat's score exports.

Every view finds its objects through `judging.selectors.decisions` and answers 404 to anyone who
may not see them; every write is a call to `judging.services.decisions`.
(The jury workflow's own views live in `judging/views.py`.)
"""
