"""The checks of scripts/verify_drawing.py, the reference verifier of docs/drawings.md.

Python's standard library only (py_ecc for the drand BLS signature), nothing from
FitTrack: hashing (commitments, Merkle tree, purchase chain), beacon (the v2 terms and
drand round), selection (the draw's picks and prizes), transparency (the public log),
receipts (the member's own tickets), document (all of it, in order), report (the lines).
"""
