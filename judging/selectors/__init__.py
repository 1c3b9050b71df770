"""Every read of the judging app that decides what a user may see, split by subject.

`entries` (entries a juror may see), `scores` (THE one place that decides whose scores a user may
see; every view, chart, total and export of scores reads through it), `progress` (dashboards),
`conflicts`, `assignments`. Import from the module: `from judging.selectors.scores import ...`.
"""
