"""Score packages (`*.rvs`): the score sheet as JSON and PDF, signed by the expert.

The GUI calls `reviewer_app.export.revisions` (sign a revision, amend, list, export) and
`reviewer_app.export.recusal` (sign a recusal); the organization toolkit reads packages with
`reviewer_app.export.package.read_package`. Format: docs/formats.md, checks: docs/verify.md.
"""
