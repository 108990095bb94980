"""The expert's review of one bundle: state, rules, completeness. No Qt, no SQL here."""
