"""Services: the steps of the expert's work that combine the store, files and cryptography
(importing a bundle into the library, keeping inspection evidence, signing a revision).

They sit above store/ and review/ (plain review types and rules), so no import runs back up.
"""
