"""The member's own tickets (myEntries): each block is in the snapshot, and each
receipt's purchase chain head is in the chain recomputed from the blocks."""

from __future__ import annotations

from typing import Any

from drawing_verifier.hashing import proof_root
from drawing_verifier.report import Report


def check_my_entries(mine: dict[str, Any], root: str, heads: list[str], report: Report) -> None:
    for block in mine["blocks"]:
        tickets = f"{block['firstTicketNumber']}-{block['lastTicketNumber']}"
        got = proof_root(
            block["firstTicketNumber"],
            block["lastTicketNumber"],
            mine["ownerHash"],
            block["proof"],
        )
        report.check(got == root, f"my tickets {tickets} are in the snapshot")
        if block.get("chainHead"):
            index = int(block["leafIndex"])
            report.check(
                index < len(heads) and heads[index] == block["chainHead"],
                f"my receipt's chain head for tickets {tickets} is in the purchase chain",
            )
