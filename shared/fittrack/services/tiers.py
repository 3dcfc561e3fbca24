"""Competition tiers as the API shows them, with how many members compete in each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fittrack.domain import tiers
from fittrack.domain.errors import NotFound
from fittrack.repositories import tiers as repo
from fittrack.schemas.tiers import TierList, TierView

if TYPE_CHECKING:
    from fittrack.platform import Platform


def _view(tier: tiers.Tier, member_count: int) -> TierView:
    return TierView(
        tier_code=tier.code,
        display_name=tier.display_name,
        biological_sex=tier.sex,
        age_bracket=tier.age_bracket,
        fitness_level=tier.fitness_level,
        member_count=member_count,
    )


def list_tiers(platform: Platform) -> TierList:
    with platform.db.unit_of_work(readonly=True) as uow:
        counts = repo.member_counts(uow)
    return TierList(tiers=[_view(tier, counts.get(tier.code, 0)) for tier in tiers.all_tiers()])


def get_tier(platform: Platform, code: str) -> TierView:
    tier = tiers.find_tier(code.upper())
    if tier is None:
        raise NotFound(f"There is no tier {code!r}. Tier codes look like 'M-18-29-BEG'.")
    with platform.db.unit_of_work(readonly=True) as uow:
        count = repo.member_count(uow, tier.code)
    return _view(tier, count)
