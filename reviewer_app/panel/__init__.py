"""The panel's decision (issue 17): the group opinion's files, members' signatures and PDF.
No Qt, and nothing from org/: the leader's draft (org/opinion_draft.py) and the organization's
check (org/verify_opinions.py) build on this package."""
