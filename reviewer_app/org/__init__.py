"""The organization toolkit (`reviewer-org`): key, roster, sealing and the demo world."""
