"""Every write of the judging app, as keyword-only functions, split by subject.

Jury workflow: `jury` (memberships), `rounds` (open/close), `conflicts`, `assignments`, `reviews`,
`reminders`. Deliberation and decisions live in their own modules next to these.
Import from the module: `from judging.services.reviews import save_review`.
"""
