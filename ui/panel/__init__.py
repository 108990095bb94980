"""The panel's side of the review day (issue 17): the leader's panel view."""
