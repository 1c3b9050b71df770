"""Deliberation and decisions: Decision, Award, AwardShare, Payment, DiscussionNote, FeedbackLetter.

Maintained by the judging-decision part of the app. Define `__all__` here so `judging.models`
re-exports the models with `from .decisions import *`.
"""

__all__: list[str] = []
