"""Competition tiers as the API shows them."""

from __future__ import annotations

from fittrack.domain import tiers
from fittrack.domain.errors import NotFound
from fittrack.schemas.tiers import TierList, TierView


def _view(tier: tiers.Tier) -> TierView:
    return TierView(
        tier_code=tier.code,
        display_name=tier.display_name,
        biological_sex=tier.sex,
        age_bracket=tier.age_bracket,
        fitness_level=tier.fitness_level,
    )


def list_tiers() -> TierList:
    return TierList(tiers=[_view(tier) for tier in tiers.all_tiers()])


def get_tier(code: str) -> TierView:
    tier = tiers.find_tier(code.upper())
    if tier is None:
        raise NotFound(f"There is no tier {code!r}. Tier codes look like 'M-18-29-BEG'.")
    return _view(tier)
