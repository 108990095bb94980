"""The panel's decision (issue 17): group opinion files, members' signatures, verification. No Qt."""
