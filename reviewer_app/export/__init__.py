"""Score packages (`*.rvs`): the score sheet as JSON and PDF, signed by the expert.

Formats only: score.json (score_json), the sheet (sheet_pdf), the PDF signature (pdf_sign)
and the package (package). Signing, amending and exporting a review is the service
`reviewer_app.services.signing`; the organization toolkit reads packages with
`reviewer_app.export.package.read_package`. Format: docs/formats.md, checks: docs/verify.md.
"""
