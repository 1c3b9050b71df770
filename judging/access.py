"""What the judging app tells other apps about jurors' access to entries.

Contract (used by submissions.selectors / submissions.rules and by file downloads):
- `filter_entries_for_juror(user, queryset)`: the entries of `queryset` that `user` may see as a
  juror: assigned in an open or closed round of the entry's edition, conflicts declared, and no
  conflict of interest with the entry. Default-deny.
- `juror_may_view_entry(user, entry)`: the same question for one entry.

Until the judging models exist, nobody has jury access (default-deny).
"""


def filter_entries_for_juror(user, queryset):
    return queryset.none()


def juror_may_view_entry(user, entry) -> bool:
    return False
